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
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code verifySignature}: verifies the workspace's files against their Sigstore bundles, by the public keys held
 * in the Credentials plugin or keyless (a certificate identity and OIDC issuer, with the Sigstore trusted root
 * held in a secret file credential), or an image's cosign signatures; any file that is not VERIFIED fails the
 * build (per {@code failOn}).
 */
public final class VerifySignatureStep extends SignatureTrustStep {
    static final String DEFAULT_FAIL_ON = "HIGH";
    private String files;
    private String image;
    private String requireAttestations;
    private String excludes;
    private String failOn = DEFAULT_FAIL_ON;
    private String policy;
    private String policyCredentialsId;
    private String provenanceKeyCredentialsId;
    private String provenance;
    private String evidence;

    @DataBoundConstructor
    public VerifySignatureStep() {
        // what to verify and whom to trust are all named parameters
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

    public String getPolicy() {
        return policy;
    }

    /** A release policy (YAML, docs/policy.md) in the workspace to hold the files or the image to. */
    @DataBoundSetter
    public void setPolicy(String policy) {
        this.policy = Util.fixEmptyAndTrim(policy);
    }

    public String getPolicyCredentialsId() {
        return policyCredentialsId;
    }

    /** A secret file or secret text credential holding the release policy, kept by the administrators. */
    @DataBoundSetter
    public void setPolicyCredentialsId(String policyCredentialsId) {
        this.policyCredentialsId = Util.fixEmptyAndTrim(policyCredentialsId);
    }

    public String getProvenanceKeyCredentialsId() {
        return provenanceKeyCredentialsId;
    }

    /** With a policy: credentials (comma-separated) of the public keys trusted to sign provenance (the controller's). */
    @DataBoundSetter
    public void setProvenanceKeyCredentialsId(String provenanceKeyCredentialsId) {
        this.provenanceKeyCredentialsId = Util.fixEmptyAndTrim(provenanceKeyCredentialsId);
    }

    public String getProvenance() {
        return provenance;
    }

    /** With a policy and files: the provenance envelope in the workspace (recordProvenance's, or an archived one). */
    @DataBoundSetter
    public void setProvenance(String provenance) {
        this.provenance = Util.fixEmptyAndTrim(provenance);
    }

    public String getEvidence() {
        return evidence;
    }

    /** With a policy: the workspace folder holding the evidence the provenance links (default: the workspace). */
    @DataBoundSetter
    public void setEvidence(String evidence) {
        this.evidence = Util.fixEmptyAndTrim(evidence);
    }

    /** The policy request of the parameters, or null; @throws AbortException when the policy cannot be had */
    PolicyRequest policyRequest(Run<?, ?> run, FilePath workspace) throws IOException, InterruptedException {
        String fn = DescriptorImpl.FUNCTION;
        if (policy == null && policyCredentialsId == null) {
            if (provenance != null || evidence != null || provenanceKeyCredentialsId != null) {
                throw new hudson.AbortException(fn + ": provenance, evidence and provenanceKeyCredentialsId are read"
                        + " with a policy (policy or policyCredentialsId)");
            }
            return null;
        }
        if (policy != null && policyCredentialsId != null) {
            throw new hudson.AbortException(fn + ": give policy or policyCredentialsId (one of them)");
        }
        String source;
        String yaml;
        if (policyCredentialsId != null) {
            source = "the policy credential '" + policyCredentialsId + "'";
            yaml = CredentialContent.read(run, policyCredentialsId, "policyCredentialsId", fn);
        } else {
            source = policy;
            java.nio.file.Path relative = java.nio.file.Path.of(policy).normalize();
            if (relative.isAbsolute() || relative.startsWith("..")) {
                throw new hudson.AbortException(fn + ": the policy " + policy + ": is outside the workspace");
            }
            FilePath file = workspace.child(policy);
            if (!file.exists() || file.isDirectory()) {
                throw new hudson.AbortException(fn + ": the policy " + policy + ": no such file in the workspace");
            }
            if (file.length() > 1 << 20) {
                throw new hudson.AbortException(fn + ": the policy " + policy + ": larger than 1 MiB");
            }
            yaml = file.readToString();
        }
        List<String> pems = CredentialContent.readAll(run, provenanceKeyCredentialsId, "provenanceKeyCredentialsId", fn);
        try {
            return new PolicyRequest(yaml, pems, provenance, evidence);
        } catch (IllegalArgumentException e) {
            throw new hudson.AbortException(fn + ": " + source + ": " + e.getMessage());
        }
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
            if ((step.files == null) == (step.image == null)) {
                throw new hudson.AbortException(DescriptorImpl.FUNCTION + ": give files or image (one of them)");
            }
            if (!step.trustGiven()) {
                throw new hudson.AbortException(DescriptorImpl.FUNCTION + ": give keyCredentialsId, or"
                        + " certificateIdentity, certificateOidcIssuer and trustedRootCredentialsId for keyless signatures");
            }
            List<String> pems = step.trustedPems(run, DescriptorImpl.FUNCTION);
            KeylessTrust keyless = step.keylessTrust(run, DescriptorImpl.FUNCTION);
            PolicyRequest policy = step.policyRequest(run, workspace);
            CheckResult result;
            if (step.image != null) {
                String[] login = step.registryLogin(run, DescriptorImpl.FUNCTION);
                List<String> required = step.requireAttestations == null ? List.of()
                        : Arrays.stream(step.requireAttestations.split(",")).filter(t -> !t.isBlank())
                                .map(io.jenkins.plugins.integrity.signing.Attestations::predicateType).distinct().sorted()
                                .toList();
                result = Json.readResult(workspace.act(new VerifyImageCallable(step.image, pems, keyless, login,
                        step.isPlainHttp(), step.failOn, required, policy)), "verification result");
            } else {
                result = Json.readResult(workspace.act(new VerifyFilesCallable(step.files, step.excludes, pems,
                        keyless, step.failOn, policy)), "verification result");
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
            return "Verify files against their Sigstore bundles (keys or keyless), or an image's signatures";
        }
    }
}
