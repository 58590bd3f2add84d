package io.jenkins.plugins.integrity.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable identity of a secret finding: a truncated SHA-256 over the rule, the file and the secret, so
 * that it survives lines moving but changes when the secret does. The secret cannot be read back from it;
 * only a guess of a low-entropy secret could be confirmed, which is why generic rules are entropy-gated.
 */
public final class Fingerprints {
    private static final int HEX_CHARS = 24;

    private Fingerprints() {}

    public static String of(String rule, String file, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("pipeline-integrity/secret/v1".getBytes(StandardCharsets.UTF_8));
            for (String part : new String[] {rule, file, secret}) {
                sha.update((byte) 0);
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
