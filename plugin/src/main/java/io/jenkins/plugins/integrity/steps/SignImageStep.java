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
import org.jenkinsci.plugins.workflow.steps.Step;
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
public final class SignImageStep extends Step {
    private final String image;
    private final String keyCredentialsId;
    private String passphraseCredentialsId;
    private String registryCredentialsId;
    private boolean plainHttp;
    private String attestSbom;
    private String attestProvenance;
    private String layout = DEFAULT_LAYOUT;
    static final String DEFAULT_LAYOUT = "tag, referrer";

    @DataBoundConstructor
    public SignImageStep(String image, String keyCredentialsId) {
        this.image = Util.fixEmptyAndTrim(image);
        this.keyCredentialsId = Util.fixEmptyAndTrim(keyCredentialsId);
        if (this.image == null || this.keyCredentialsId == null) {
            throw new IllegalArgumentException("signImage needs image and keyCredentialsId");
        }
        ImageReference.parse(this.image);
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
            String pem = CredentialContent.read(run, step.keyCredentialsId, "keyCredentialsId", fn);
            char[] pass = step.passphraseCredentialsId == null ? null
                    : CredentialContent.read(run, step.passphraseCredentialsId, "passphraseCredentialsId", fn).toCharArray();
            String[] login = CredentialContent.registryLogin(run, step.registryCredentialsId, fn);
            Map<String, String> attest = new LinkedHashMap<>();
            if (step.attestSbom != null) {
                attest.put(io.jenkins.plugins.integrity.signing.Attestations.CYCLONEDX, step.attestSbom);
            }
            if (step.attestProvenance != null) {
                attest.put(io.jenkins.plugins.integrity.signing.Attestations.SLSA_PROVENANCE, step.attestProvenance);
            }
            CheckResult result = Json.readResult(workspace.act(ImageSignatureCallable.sign(step.image, pem, pass,
                    login[0], login[1], step.plainHttp, attest, step.layout)), "image signing result");
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
