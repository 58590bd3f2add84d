package io.jenkins.plugins.integrity.steps;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.commits.AllowedSigners;
import io.jenkins.plugins.integrity.commits.OpenPgpKeys;
import io.jenkins.plugins.integrity.commits.SshKeyList;
import io.jenkins.plugins.integrity.commits.TrustPolicyReader;
import io.jenkins.plugins.integrity.commits.X509Roots;
import java.io.IOException;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Who may sign commits, as the controller's administrator says (Manage Jenkins > System > Pipeline Integrity):
 * the trusted keys, from file or secret-text credentials, and the trust policy. It lives on the controller, so
 * that no repository being verified, and no Jenkinsfile, can add a key.
 */
@Extension
@Symbol("pipelineIntegrityCommitTrust")
public class CommitTrustConfiguration extends GlobalConfiguration {
    private String openPgpKeysCredentialsId;
    private String allowedSignersCredentialsId;
    private String revokedSshKeysCredentialsId;
    private String x509RootsCredentialsId;
    private String policy;

    public CommitTrustConfiguration() {
        load();
    }

    public static CommitTrustConfiguration get() {
        return ExtensionList.lookupSingleton(CommitTrustConfiguration.class);
    }

    public String getOpenPgpKeysCredentialsId() {
        return openPgpKeysCredentialsId;
    }

    /** A file or secret-text credential holding trusted OpenPGP public keys (gpg --export --armor). */
    @DataBoundSetter
    public void setOpenPgpKeysCredentialsId(String id) {
        this.openPgpKeysCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    public String getAllowedSignersCredentialsId() {
        return allowedSignersCredentialsId;
    }

    /** A file or secret-text credential holding an allowed_signers file. */
    @DataBoundSetter
    public void setAllowedSignersCredentialsId(String id) {
        this.allowedSignersCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    public String getRevokedSshKeysCredentialsId() {
        return revokedSshKeysCredentialsId;
    }

    /** A file or secret-text credential holding revoked SSH public keys, one per line. */
    @DataBoundSetter
    public void setRevokedSshKeysCredentialsId(String id) {
        this.revokedSshKeysCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    public String getX509RootsCredentialsId() {
        return x509RootsCredentialsId;
    }

    /** A file or secret-text credential holding trusted X.509 root certificates (PEM), for gpgsm and gitsign. */
    @DataBoundSetter
    public void setX509RootsCredentialsId(String id) {
        this.x509RootsCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    public String getPolicy() {
        return policy;
    }

    /** The trust policy's YAML (identity, groups, path rules ...), without key files: keys come from credentials. */
    @DataBoundSetter
    public void setPolicy(String policy) {
        this.policy = Util.fixEmptyAndTrim(policy);
        save();
    }

    /** Reads the configured credentials (on the controller) into what the verifying agent needs. */
    TrustMaterial material() throws IOException {
        return new TrustMaterial(policy, content(openPgpKeysCredentialsId), source(openPgpKeysCredentialsId),
                content(allowedSignersCredentialsId), source(allowedSignersCredentialsId),
                content(revokedSshKeysCredentialsId), source(revokedSshKeysCredentialsId),
                content(x509RootsCredentialsId), source(x509RootsCredentialsId));
    }

    private static String source(String id) {
        return id == null ? null : "credential '" + id + "'";
    }

    private static byte[] content(String id) throws IOException {
        return id == null ? null : CredentialContent.system(id, source(id));
    }

    @POST
    public FormValidation doCheckPolicy(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok();
        }
        try {
            TrustPolicyReader.read(value, "the policy", OpenPgpKeys.none(), AllowedSigners.none(), SshKeyList.none(),
                    X509Roots.none());
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public ListBoxModel doFillOpenPgpKeysCredentialsIdItems(@QueryParameter String openPgpKeysCredentialsId) {
        return keyCredentials(openPgpKeysCredentialsId);
    }

    @POST
    public ListBoxModel doFillAllowedSignersCredentialsIdItems(@QueryParameter String allowedSignersCredentialsId) {
        return keyCredentials(allowedSignersCredentialsId);
    }

    @POST
    public ListBoxModel doFillX509RootsCredentialsIdItems(@QueryParameter String x509RootsCredentialsId) {
        return keyCredentials(x509RootsCredentialsId);
    }

    @POST
    public ListBoxModel doFillRevokedSshKeysCredentialsIdItems(@QueryParameter String revokedSshKeysCredentialsId) {
        return keyCredentials(revokedSshKeysCredentialsId);
    }

    private static ListBoxModel keyCredentials(String current) {
        return CredentialContent.systemFileOrTextItems(current);
    }
}
