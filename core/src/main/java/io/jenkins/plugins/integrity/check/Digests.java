package io.jenkins.plugins.integrity.check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests: of bytes and files, and of text for stable finding fingerprints. */
public final class Digests {
    private Digests() {}

    /** Hex SHA-256 over a domain tag and the parts, each preceded by a NUL so that parts cannot run together. */
    public static String sha256Hex(String domain, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(domain.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) 0);
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The SHA-256 of the bytes. */
    public static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(sha256(content));
    }

    /** The hex SHA-256 of a file, read as a stream whatever its size. */
    public static String sha256Hex(java.nio.file.Path file) throws java.io.IOException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
