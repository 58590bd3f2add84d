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
 * {@code signArtifacts}: signs the workspace's files with a private key held in the Credentials plugin, or
 * keyless with a Fulcio certificate for the OIDC identity token a credential holds (logged in Rekor), writing a
 * Sigstore bundle beside each ({@code FILE.sigstore.json}), archived with the build.
 */
public final class SignArtifactsStep extends Step {
    private final String files;
    private String keyCredentialsId;
    private String identityTokenCredentialsId;
    private String fulcioUrl = io.jenkins.plugins.integrity.signing.FulcioClient.PUBLIC_GOOD;
    private String rekorUrl = io.jenkins.plugins.integrity.signing.RekorClient.PUBLIC_GOOD;
    private String excludes;
    private String passphraseCredentialsId;
    private boolean archive = true;

    /** @param files comma-separated Ant patterns of the files to sign, relative to the workspace */
    @DataBoundConstructor
    public SignArtifactsStep(String files) {
        this.files = Util.fixEmptyAndTrim(files);
        if (this.files == null) {
            throw new IllegalArgumentException("signArtifacts needs files");
        }
    }

    /** A secret file or secret text credential holding the PEM PKCS#8 private key. */
    @DataBoundSetter
    public void setKeyCredentialsId(String keyCredentialsId) {
        this.keyCredentialsId = Util.fixEmptyAndTrim(keyCredentialsId);
    }

    public String getIdentityTokenCredentialsId() {
        return identityTokenCredentialsId;
    }

    /**
     * Keyless: a secret text credential holding the OIDC identity token to exchange for a Fulcio certificate,
     * such as the OpenID Connect Provider plugin's id token credential.
     */
    @DataBoundSetter
    public void setIdentityTokenCredentialsId(String identityTokenCredentialsId) {
        this.identityTokenCredentialsId = Util.fixEmptyAndTrim(identityTokenCredentialsId);
    }

    public String getFulcioUrl() {
        return fulcioUrl;
    }

    /** Keyless: the Fulcio CA (default the public-good instance). */
    @DataBoundSetter
    public void setFulcioUrl(String fulcioUrl) {
        String v = Util.fixEmptyAndTrim(fulcioUrl);
        this.fulcioUrl = v == null ? io.jenkins.plugins.integrity.signing.FulcioClient.PUBLIC_GOOD : v;
    }

    public String getRekorUrl() {
        return rekorUrl;
    }

    /** Keyless: the Rekor transparency log (default the public-good instance). */
    @DataBoundSetter
    public void setRekorUrl(String rekorUrl) {
        String v = Util.fixEmptyAndTrim(rekorUrl);
        this.rekorUrl = v == null ? io.jenkins.plugins.integrity.signing.RekorClient.PUBLIC_GOOD : v;
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
            if ((step.keyCredentialsId == null) == (step.identityTokenCredentialsId == null)) {
                throw new hudson.AbortException(fn + ": give keyCredentialsId, or identityTokenCredentialsId for keyless"
                        + " signing (one of them)");
            }
            SignFilesCallable callable;
            if (step.keyCredentialsId != null) {
                String pem = CredentialContent.read(run, step.keyCredentialsId, "keyCredentialsId", fn);
                char[] pass = step.passphraseCredentialsId == null ? null : CredentialContent.read(run,
                        step.passphraseCredentialsId, "passphraseCredentialsId", fn).toCharArray();
                callable = SignFilesCallable.withKey(step.files, step.excludes, pem, pass);
            } else {
                String token = CredentialContent.read(run, step.identityTokenCredentialsId, "identityTokenCredentialsId",
                        fn);
                callable = SignFilesCallable.keyless(step.files, step.excludes, token, step.fulcioUrl, step.rekorUrl);
            }
            CheckResult result = Json.readResult(workspace.act(callable), "signing result");
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
            return "Sign files with a key or keyless (Sigstore bundles)";
        }
    }
}
