package io.jenkins.plugins.integrity.secrets;

import io.jenkins.plugins.integrity.check.Digests;

/**
 * The stable identity of a secret finding: a truncated SHA-256 over the rule, the file and the secret, so
 * that it survives lines moving but changes when the secret does. The secret cannot be read back from it;
 * only a guess of a low-entropy secret could be confirmed, which is why generic rules are entropy-gated.
 */
public final class Fingerprints {
    private static final int HEX_CHARS = 24;

    private Fingerprints() {}

    public static String of(String rule, String file, String secret) {
        return Digests.sha256Hex("pipeline-integrity/secret/v1", rule, file, secret).substring(0, HEX_CHARS);
    }
}
