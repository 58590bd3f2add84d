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
    private String files;
    private final String keyCredentialsId;
    private String image;
    private String registryCredentialsId;
    private boolean plainHttp;
    private String requireAttestations;
    private String excludes;
    private String failOn = DEFAULT_FAIL_ON;

    /**
     * @param keyCredentialsId secret file or secret text credentials (comma-separated ids) holding trusted PEM
     *     public keys
     */
    @DataBoundConstructor
    public VerifySignatureStep(String keyCredentialsId) {
        this.keyCredentialsId = Util.fixEmptyAndTrim(keyCredentialsId);
        if (this.keyCredentialsId == null) {
            throw new IllegalArgumentException("verifySignature needs keyCredentialsId");
        }
    }

    public String getFiles() {
        return files;
    }

    /** Comma-separated Ant patterns of the workspace's files to verify. */
    @DataBoundSetter
    public void setFiles(String files) {
        this.files = Util.fixEmptyAndTrim(files);
    }

    public String getImage() {
        return image;
    }

    /** An image in a registry whose cosign signatures to verify, instead of files. */
    @DataBoundSetter
    public void setImage(String image) {
        String value = Util.fixEmptyAndTrim(image);
        if (value != null) {
            io.jenkins.plugins.integrity.oci.ImageReference.parse(value);
        }
        this.image = value;
    }

    public String getRequireAttestations() {
        return requireAttestations;
    }

    /** With an image: attestations it must carry, comma-separated: cyclonedx, slsa, or predicate type URIs. */
    @DataBoundSetter
    public void setRequireAttestations(String requireAttestations) {
        this.requireAttestations = Util.fixEmptyAndTrim(requireAttestations);
    }

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
    }

    public boolean isPlainHttp() {
        return plainHttp;
    }

    @DataBoundSetter
    public void setPlainHttp(boolean plainHttp) {
        this.plainHttp = plainHttp;
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
            if ((step.files == null) == (step.image == null)) {
                throw new hudson.AbortException(DescriptorImpl.FUNCTION + ": give files or image (one of them)");
            }
            CheckResult result;
            if (step.image != null) {
                String[] login = CredentialContent.registryLogin(run, step.registryCredentialsId, DescriptorImpl.FUNCTION);
                List<String> required = step.requireAttestations == null ? List.of()
                        : Arrays.stream(step.requireAttestations.split(",")).filter(t -> !t.isBlank())
                                .map(io.jenkins.plugins.integrity.signing.Attestations::predicateType).distinct().sorted()
                                .toList();
                result = Json.readResult(workspace.act(ImageSignatureCallable.verify(step.image, pems, login[0], login[1],
                        step.plainHttp, step.failOn, required)), "verification result");
            } else {
                result = Json.readResult(workspace.act(new VerifyFilesCallable(step.files, step.excludes, pems,
                        step.failOn)), "verification result");
            }
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
