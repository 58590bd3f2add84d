package io.jenkins.plugins.integrity.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code signArtifacts}: signs the workspace's files with a private key held in the Credentials plugin,
 * writing a Sigstore bundle beside each ({@code FILE.sigstore.json}), archived with the build.
 */
public final class SignArtifactsStep extends Step {
    private final String files;
    private final String keyCredentialsId;
    private String excludes;
    private String passphraseCredentialsId;
    private boolean archive = true;

    /**
     * @param files comma-separated Ant patterns of the files to sign, relative to the workspace
     * @param keyCredentialsId a secret file or secret text credential holding the PEM PKCS#8 private key
     */
    @DataBoundConstructor
    public SignArtifactsStep(String files, String keyCredentialsId) {
        this.files = Util.fixEmptyAndTrim(files);
        this.keyCredentialsId = Util.fixEmptyAndTrim(keyCredentialsId);
        if (this.files == null || this.keyCredentialsId == null) {
            throw new IllegalArgumentException("signArtifacts needs files and keyCredentialsId");
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

    public String getPassphraseCredentialsId() {
        return passphraseCredentialsId;
    }

    /** A secret text credential holding the passphrase of an encrypted key. */
    @DataBoundSetter
    public void setPassphraseCredentialsId(String passphraseCredentialsId) {
        this.passphraseCredentialsId = Util.fixEmptyAndTrim(passphraseCredentialsId);
    }

    public boolean isArchive() {
        return archive;
    }

    /** Archive the bundles with the build (default true). */
    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient SignArtifactsStep step;

        Execution(SignArtifactsStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            String fn = DescriptorImpl.FUNCTION;
            String pem = CredentialContent.read(run, step.keyCredentialsId, "keyCredentialsId", fn);
            char[] pass = step.passphraseCredentialsId == null ? null
                    : CredentialContent.read(run, step.passphraseCredentialsId, "passphraseCredentialsId", fn).toCharArray();
            CheckResult result = Json.readResult(workspace.act(new SignFilesCallable(step.files, step.excludes, pem, pass)),
                    "signing result");
            List<String> bundles = new ArrayList<>();
            for (Subject s : result.subjects()) {
                bundles.add(s.name() + ".sigstore.json");
            }
            ResultPublisher publisher = new ResultPublisher(run, listener, fn);
            if (step.archive && result.status() != Status.ERROR && !bundles.isEmpty()) {
                publisher.archive(workspace, getContext().get(Launcher.class), bundles);
            }
            Map<String, Object> map = new LinkedHashMap<>(publisher.publish(result, Format.TEXT, workspace, null));
            map.put("bundles", bundles);
            return map;
        }
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {
        static final String FUNCTION = "signArtifacts";

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class, Launcher.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Sign files with a key (Sigstore bundles)";
        }
    }
}
