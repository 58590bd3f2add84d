package io.jenkins.plugins.integrity.steps;

import io.jenkins.plugins.integrity.signing.IdentityPolicy;
import io.jenkins.plugins.integrity.signing.KeylessPolicy;
import io.jenkins.plugins.integrity.signing.TrustedRoot;
import java.nio.charset.StandardCharsets;

/**
 * Whom keyless signatures must come from, and the trusted root's JSON, as they cross the channel to the agent,
 * where {@link #policy()} reads them.
 */
record KeylessTrust(String identity, boolean identityRegex, String issuer, boolean issuerRegex, String trustedRoot)
        implements java.io.Serializable {

    /**
     * The keyless trust of a step's parameters (the exact or the pattern form of each, and the trusted root's
     * credential), read on the controller; null when none is given.
     * @throws hudson.AbortException when it is incomplete
     */
    static KeylessTrust of(hudson.model.Run<?, ?> run, String function, String identity, String identityRegexp,
            String issuer, String issuerRegexp, String trustedRootCredentialsId) throws java.io.IOException {
        if (identity == null && identityRegexp == null && issuer == null && issuerRegexp == null
                && trustedRootCredentialsId == null) {
            return null;
        }
        if ((identity == null) == (identityRegexp == null) || (issuer == null) == (issuerRegexp == null)
                || trustedRootCredentialsId == null) {
            throw new hudson.AbortException(function + ": keyless verification needs certificateIdentity (or"
                    + " certificateIdentityRegexp), certificateOidcIssuer (or certificateOidcIssuerRegexp) and"
                    + " trustedRootCredentialsId");
        }
        String root = CredentialContent.read(run, trustedRootCredentialsId, "trustedRootCredentialsId", function);
        return new KeylessTrust(identity != null ? identity : identityRegexp, identity == null, issuer != null ? issuer
                : issuerRegexp, issuer == null, root);
    }

    /** @throws IllegalArgumentException when the root or a pattern is not usable */
    KeylessPolicy policy() {
        return new KeylessPolicy(TrustedRoot.parse(trustedRoot.getBytes(StandardCharsets.UTF_8)),
                new IdentityPolicy(identity, identityRegex, issuer, issuerRegex));
    }
}
