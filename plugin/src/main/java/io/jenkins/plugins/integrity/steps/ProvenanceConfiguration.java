package io.jenkins.plugins.integrity.steps;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The key that signs build provenance (Manage Jenkins > System, or JCasC {@code unclassified:
 * pipelineIntegrityProvenance:}): held by the controller and used there, never sent to an agent and never named
 * by a Jenkinsfile, so that a build step cannot forge its own provenance.
 */
@Extension
@Symbol("pipelineIntegrityProvenance")
public class ProvenanceConfiguration extends GlobalConfiguration {
    private String signingKeyCredentialsId;
    private String passphraseCredentialsId;

    public ProvenanceConfiguration() {
        load();
    }

    public static ProvenanceConfiguration get() {
        return ExtensionList.lookupSingleton(ProvenanceConfiguration.class);
    }

    public String getSigningKeyCredentialsId() {
        return signingKeyCredentialsId;
    }

    /** A secret file or secret text credential of the controller holding the PEM PKCS#8 private key. */
    @DataBoundSetter
    public void setSigningKeyCredentialsId(String id) {
        this.signingKeyCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    public String getPassphraseCredentialsId() {
        return passphraseCredentialsId;
    }

    /** A secret text credential holding the passphrase of an encrypted key. */
    @DataBoundSetter
    public void setPassphraseCredentialsId(String id) {
        this.passphraseCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /** The signing key, or null when none is configured. @throws InvalidInputException when it cannot be read */
    SigningKey key() throws IOException {
        if (signingKeyCredentialsId == null) {
            return null;
        }
        String source = "credential '" + signingKeyCredentialsId + "'";
        String pem = new String(CredentialContent.system(signingKeyCredentialsId, source), StandardCharsets.UTF_8);
        char[] pass = passphraseCredentialsId == null ? null : new String(CredentialContent.system(
                passphraseCredentialsId, "credential '" + passphraseCredentialsId + "'"), StandardCharsets.UTF_8)
                .toCharArray();
        try {
            return SigningKey.fromPem(pem, pass);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, e.getMessage());
        }
    }

    @POST
    public ListBoxModel doFillSigningKeyCredentialsIdItems(@QueryParameter String signingKeyCredentialsId) {
        return items(signingKeyCredentialsId);
    }

    @POST
    public ListBoxModel doFillPassphraseCredentialsIdItems(@QueryParameter String passphraseCredentialsId) {
        return items(passphraseCredentialsId);
    }

    private static ListBoxModel items(String current) {
        return CredentialContent.systemFileOrTextItems(current);
    }
}
