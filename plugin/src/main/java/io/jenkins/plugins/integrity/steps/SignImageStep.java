package io.jenkins.plugins.integrity.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code signImage}: signs an image in its registry by its digest, in cosign's layout, with a private key held
 * in the Credentials plugin; the registry is reached from the agent, with a username/password credential.
 */
public final class SignImageStep extends RegistryStep {
    private final String image;
    private String keyCredentialsId;
    private String identityTokenCredentialsId;
    private String fulcioUrl = io.jenkins.plugins.integrity.signing.FulcioClient.PUBLIC_GOOD;
    private String rekorUrl = io.jenkins.plugins.integrity.signing.RekorClient.PUBLIC_GOOD;
    private String passphraseCredentialsId;
    private String attestSbom;
    private String attestProvenance;
    private String layout = DEFAULT_LAYOUT;
    static final String DEFAULT_LAYOUT = "tag, referrer";

    @DataBoundConstructor
    public SignImageStep(String image) {
        this.image = Util.fixEmptyAndTrim(image);
        if (this.image == null) {
            throw new IllegalArgumentException("signImage needs image");
        }
        ImageReference.parse(this.image);
    }

    /** A secret file or secret text credential holding the PEM PKCS#8 private key. */
    @DataBoundSetter
    public void setKeyCredentialsId(String keyCredentialsId) {
        this.keyCredentialsId = Util.fixEmptyAndTrim(keyCredentialsId);
    }

    public String getIdentityTokenCredentialsId() {
        return identityTokenCredentialsId;
    }

    /** Keyless: a secret text credential holding the OIDC identity token to exchange for a Fulcio certificate. */
    @DataBoundSetter
    public void setIdentityTokenCredentialsId(String identityTokenCredentialsId) {
        this.identityTokenCredentialsId = Util.fixEmptyAndTrim(identityTokenCredentialsId);
    }

    public String getFulcioUrl() {
        return fulcioUrl;
    }

    @DataBoundSetter
    public void setFulcioUrl(String fulcioUrl) {
        String v = Util.fixEmptyAndTrim(fulcioUrl);
        this.fulcioUrl = v == null ? io.jenkins.plugins.integrity.signing.FulcioClient.PUBLIC_GOOD : v;
    }

    public String getRekorUrl() {
        return rekorUrl;
    }

    @DataBoundSetter
    public void setRekorUrl(String rekorUrl) {
        String v = Util.fixEmptyAndTrim(rekorUrl);
        this.rekorUrl = v == null ? io.jenkins.plugins.integrity.signing.RekorClient.PUBLIC_GOOD : v;
    }

    public String getImage() {
        return image;
    }

    public String getKeyCredentialsId() {
        return keyCredentialsId;
    }

    public String getPassphraseCredentialsId() {
        return passphraseCredentialsId;
    }

    @DataBoundSetter
    public void setPassphraseCredentialsId(String passphraseCredentialsId) {
        this.passphraseCredentialsId = Util.fixEmptyAndTrim(passphraseCredentialsId);
    }

    public String getAttestSbom() {
        return attestSbom;
    }

    /** A CycloneDX JSON SBOM in the workspace (e.g. generateSbom's) to attest about the image. */
    @DataBoundSetter
    public void setAttestSbom(String attestSbom) {
        this.attestSbom = Util.fixEmptyAndTrim(attestSbom);
    }

    public String getAttestProvenance() {
        return attestProvenance;
    }

    /** A SLSA provenance v1 predicate (JSON) in the workspace to attest about the image. */
    @DataBoundSetter
    public void setAttestProvenance(String attestProvenance) {
        this.attestProvenance = Util.fixEmptyAndTrim(attestProvenance);
    }

    public String getLayout() {
        return layout;
    }

    /**
     * Where the signature and attestations go: {@code tag} (cosign's {@code .sig}/{@code .att}), {@code referrer}
     * (a Sigstore bundle as an OCI 1.1 referrer), comma-separated; both by default.
     */
    @DataBoundSetter
    public void setLayout(String layout) {
        String v = Util.fixEmptyAndTrim(layout);
        if (v != null) {
            io.jenkins.plugins.integrity.signing.ImageLayout.parse(v);
        }
        this.layout = v == null ? DEFAULT_LAYOUT : v;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient SignImageStep step;

        Execution(SignImageStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            FilePath workspace = getContext().get(FilePath.class);
            String fn = DescriptorImpl.FUNCTION;
            if ((step.keyCredentialsId == null) == (step.identityTokenCredentialsId == null)) {
                throw new hudson.AbortException(fn + ": give keyCredentialsId, or identityTokenCredentialsId for keyless"
                        + " signing (one of them)");
            }
            if (step.identityTokenCredentialsId != null && (step.attestSbom != null || step.attestProvenance != null)) {
                throw new hudson.AbortException(fn + ": keyless attestations are not offered yet; attest with"
                        + " keyCredentialsId");
            }
            String[] login = step.registryLogin(run, fn);
            Map<String, String> attest = new LinkedHashMap<>();
            if (step.attestSbom != null) {
                attest.put(io.jenkins.plugins.integrity.signing.Attestations.CYCLONEDX, step.attestSbom);
            }
            if (step.attestProvenance != null) {
                attest.put(io.jenkins.plugins.integrity.signing.Attestations.SLSA_PROVENANCE, step.attestProvenance);
            }
            SignImageCallable callable;
            if (step.keyCredentialsId != null) {
                String pem = CredentialContent.read(run, step.keyCredentialsId, "keyCredentialsId", fn);
                char[] pass = step.passphraseCredentialsId == null ? null : CredentialContent.read(run,
                        step.passphraseCredentialsId, "passphraseCredentialsId", fn).toCharArray();
                callable = SignImageCallable.withKey(step.image, pem, pass, login, step.isPlainHttp(), attest, step.layout);
            } else {
                String token = CredentialContent.read(run, step.identityTokenCredentialsId, "identityTokenCredentialsId",
                        fn);
                callable = SignImageCallable.keyless(step.image, token, step.fulcioUrl, step.rekorUrl, login,
                        step.isPlainHttp());
            }
            CheckResult result = Json.readResult(workspace.act(callable), "image signing result");
            Map<String, Object> map = new LinkedHashMap<>(new ResultPublisher(run, getContext().get(TaskListener.class),
                    fn).publish(result, Format.TEXT, workspace, null));
            if (!result.subjects().isEmpty() && !result.subjects().get(0).digests().isEmpty()) {
                map.put("digest", "sha256:" + result.subjects().get(0).digests().get("sha256"));
            }
            return map;
        }
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {
        static final String FUNCTION = "signImage";

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
            return "Sign an image in its registry (cosign layout)";
        }
    }
}
