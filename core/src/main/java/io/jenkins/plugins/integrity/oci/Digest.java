package io.jenkins.plugins.integrity.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest as the OCI image spec writes it, {@code sha256:<64 hex>} or {@code sha512:<128 hex>}.
 * Anything else is refused, so that a digest can name a file ({@code blobs/sha256/<hex>}) without escaping.
 */
public record Digest(String algorithm, String hex) {
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        boolean ok = algorithm.equals("sha256") ? SHA256.matcher(hex).matches()
                : algorithm.equals("sha512") && SHA512.matcher(hex).matches();
        if (!ok) {
            throw new IllegalArgumentException("not a sha256 or sha512 digest");
        }
    }

    /** @throws IllegalArgumentException when the text is not a well-formed sha256 or sha512 digest */
    public static Digest parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a digest is missing");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a digest (algorithm:hex)");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static Digest sha256(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(messageDigest("sha256").digest(content)));
    }

    /** A fresh message digest for this digest's algorithm. */
    public MessageDigest newMessageDigest() {
        return messageDigest(algorithm);
    }

    /** Whether the bytes hash to this digest. */
    public boolean matches(byte[] content) {
        return MessageDigest.isEqual(newMessageDigest().digest(content), HexFormat.of().parseHex(hex));
    }

    static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
