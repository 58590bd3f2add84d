package io.jenkins.plugins.integrity.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code verifySignature}: verifies the workspace's files against their Sigstore bundles and the public keys
 * held in the Credentials plugin; any file that is not VERIFIED fails the build (per {@code failOn}).
 */
public final class VerifySignatureStep extends Step {
    static final String DEFAULT_FAIL_ON = "HIGH";
    private final String files;
    private final String keyCredentialsId;
    private String excludes;
    private String failOn = DEFAULT_FAIL_ON;

    /**
     * @param files comma-separated Ant patterns of the files to verify
     * @param keyCredentialsId secret file or secret text credentials (comma-separated ids) holding trusted PEM
     *     public keys
     */
    @DataBoundConstructor
    public VerifySignatureStep(String files, String keyCredentialsId) {
        this.files = Util.fixEmptyAndTrim(files);
        this.keyCredentialsId = Util.fixEmptyAndTrim(keyCredentialsId);
        if (this.files == null || this.keyCredentialsId == null) {
            throw new IllegalArgumentException("verifySignature needs files and keyCredentialsId");
        }
    }

    public String getFiles() {
        return files;
    }

    public String getKeyCredentialsId() {
        return keyCredentialsId;
    }

    public String getExcludes() {
        return excludes;
    }

    @DataBoundSetter
    public void setExcludes(String excludes) {
        this.excludes = Util.fixEmptyAndTrim(excludes);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        String value = Util.fixEmptyAndTrim(failOn);
        this.failOn = value == null ? DEFAULT_FAIL_ON : Gate.parse(value).toString();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient VerifySignatureStep step;

        Execution(VerifySignatureStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            FilePath workspace = getContext().get(FilePath.class);
            List<String> pems = new ArrayList<>();
            for (String id : Arrays.stream(step.keyCredentialsId.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toList()) {
                pems.add(CredentialContent.read(run, id, "keyCredentialsId", DescriptorImpl.FUNCTION));
            }
            CheckResult result = Json.readResult(workspace.act(new VerifyFilesCallable(step.files, step.excludes, pems,
                    step.failOn)), "verification result");
            return new ResultPublisher(run, getContext().get(TaskListener.class), DescriptorImpl.FUNCTION).publish(result,
                    Format.TEXT, workspace, WorkspaceLinks.base(getContext().get(FlowNode.class)));
        }
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {
        static final String FUNCTION = "verifySignature";

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Verify files against their Sigstore bundles and trusted keys";
        }
    }
}
