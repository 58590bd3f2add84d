package io.jenkins.plugins.integrity.steps;

import hudson.Util;
import hudson.model.Run;
import java.io.IOException;
import java.util.List;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters of a step that verifies signatures: the trusted public keys' credentials, and keyless trust (the
 * certificate identity and OIDC issuer, exact or by pattern, and the Sigstore trusted root's credential).
 */
public abstract class SignatureTrustStep extends RegistryStep {
    private String keyCredentialsId;
    private String certificateIdentity;
    private String certificateIdentityRegexp;
    private String certificateOidcIssuer;
    private String certificateOidcIssuerRegexp;
    private String trustedRootCredentialsId;

    public String getKeyCredentialsId() {
        return keyCredentialsId;
    }

    /** Secret file or secret text credentials (comma-separated ids) holding trusted PEM public keys. */
    @DataBoundSetter
    public void setKeyCredentialsId(String keyCredentialsId) {
        this.keyCredentialsId = Util.fixEmptyAndTrim(keyCredentialsId);
    }

    public String getCertificateIdentity() {
        return certificateIdentity;
    }

    /** Keyless: the identity (email or URI) the signing certificate must name, exactly. */
    @DataBoundSetter
    public void setCertificateIdentity(String certificateIdentity) {
        this.certificateIdentity = Util.fixEmptyAndTrim(certificateIdentity);
    }

    public String getCertificateIdentityRegexp() {
        return certificateIdentityRegexp;
    }

    /** Keyless: an RE2 pattern the whole identity must match. */
    @DataBoundSetter
    public void setCertificateIdentityRegexp(String certificateIdentityRegexp) {
        this.certificateIdentityRegexp = Util.fixEmptyAndTrim(certificateIdentityRegexp);
    }

    public String getCertificateOidcIssuer() {
        return certificateOidcIssuer;
    }

    /** Keyless: the OIDC issuer the certificate must name, exactly. */
    @DataBoundSetter
    public void setCertificateOidcIssuer(String certificateOidcIssuer) {
        this.certificateOidcIssuer = Util.fixEmptyAndTrim(certificateOidcIssuer);
    }

    public String getCertificateOidcIssuerRegexp() {
        return certificateOidcIssuerRegexp;
    }

    /** Keyless: an RE2 pattern the whole issuer must match. */
    @DataBoundSetter
    public void setCertificateOidcIssuerRegexp(String certificateOidcIssuerRegexp) {
        this.certificateOidcIssuerRegexp = Util.fixEmptyAndTrim(certificateOidcIssuerRegexp);
    }

    public String getTrustedRootCredentialsId() {
        return trustedRootCredentialsId;
    }

    /** Keyless: a secret file credential holding the Sigstore trusted_root.json (Fulcio CAs, Rekor logs). */
    @DataBoundSetter
    public void setTrustedRootCredentialsId(String trustedRootCredentialsId) {
        this.trustedRootCredentialsId = Util.fixEmptyAndTrim(trustedRootCredentialsId);
    }

    /** Whether any trust was given: a key or a part of keyless trust. */
    boolean trustGiven() {
        return keyCredentialsId != null || certificateIdentity != null || certificateIdentityRegexp != null
                || certificateOidcIssuer != null || certificateOidcIssuerRegexp != null || trustedRootCredentialsId != null;
    }

    /** The trusted keys' PEM text, read from their credentials on the controller. */
    List<String> trustedPems(Run<?, ?> run, String function) throws IOException {
        return CredentialContent.readAll(run, keyCredentialsId, "keyCredentialsId", function);
    }

    /** The keyless trust of the parameters, or null; @throws hudson.AbortException when it is incomplete */
    KeylessTrust keylessTrust(Run<?, ?> run, String function) throws IOException {
        return KeylessTrust.of(run, function, certificateIdentity, certificateIdentityRegexp, certificateOidcIssuer,
                certificateOidcIssuerRegexp, trustedRootCredentialsId);
    }
}
