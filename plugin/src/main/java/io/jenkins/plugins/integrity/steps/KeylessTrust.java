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

    /** @throws IllegalArgumentException when the root or a pattern is not usable */
    KeylessPolicy policy() {
        return new KeylessPolicy(TrustedRoot.parse(trustedRoot.getBytes(StandardCharsets.UTF_8)),
                new IdentityPolicy(identity, identityRegex, issuer, issuerRegex));
    }
}
