package io.jenkins.plugins.integrity.commits;

import io.jenkins.plugins.integrity.check.Severity;
import java.util.Locale;

/**
 * The verdict on one commit's signature. Only {@link #VERIFIED} is a pass: a valid signature, by a key the
 * trust policy trusts, valid when the commit was made (and, when the policy asks, naming the committer).
 */
public enum CommitStatus {
    VERIFIED(Severity.INFO),
    UNSIGNED(Severity.HIGH),
    BAD_SIGNATURE(Severity.CRITICAL),
    UNTRUSTED_KEY(Severity.HIGH),
    EXPIRED_KEY(Severity.HIGH),
    REVOKED_KEY(Severity.CRITICAL),
    /** A valid signature by a trusted key whose identities do not include the committer's (or author's). */
    IDENTITY_MISMATCH(Severity.HIGH),
    /** A signature in a format or with an algorithm this verifier does not check. */
    UNSUPPORTED(Severity.MEDIUM);

    private final Severity severity;

    CommitStatus(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /** The rule id of findings with this status: {@code commit-unsigned}, {@code commit-bad-signature} ... */
    public String rule() {
        return "commit-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
