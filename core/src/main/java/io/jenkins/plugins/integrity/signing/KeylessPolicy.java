package io.jenkins.plugins.integrity.signing;

import java.time.Clock;

/**
 * How keyless signatures are trusted: the Sigstore trust material (Fulcio CAs, Rekor logs), whom a certificate
 * must name, and the clock that judges a certificate when no log entry proves when it signed (a Fulcio
 * certificate lives ten minutes, so without a log entry it has expired soon after signing).
 */
public record KeylessPolicy(TrustedRoot root, IdentityPolicy identity, Clock clock) {
    public KeylessPolicy(TrustedRoot root, IdentityPolicy identity) {
        this(root, identity, Clock.systemUTC());
    }
}
