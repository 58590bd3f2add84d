package io.jenkins.plugins.integrity.commits;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * An SSH signature in the SSHSIG format that {@code ssh-keygen -Y sign} and git write
 * (OpenSSH PROTOCOL.sshsig): the signer's public key, the namespace ({@code git} for commits), the hash
 * algorithm and the signature over the SSHSIG preamble with the message's hash.
 */
record SshSignature(SshKey key, String namespace, String hashAlgorithm, byte[] signature) {
    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";

    static SshSignature parse(String armored) {
        int b = armored.indexOf(BEGIN);
        int e = armored.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("no SSH SIGNATURE armor");
        }
        byte[] blob = Base64.getMimeDecoder().decode(armored.substring(b + BEGIN.length(), e));
        if (blob.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not an SSHSIG blob");
        }
        SshWire w = new SshWire(Arrays.copyOfRange(blob, MAGIC.length, blob.length));
        int version = w.uint32();
        if (version != 1) {
            throw new UnsupportedOperationException("SSHSIG version " + version);
        }
        SshKey key = SshKey.fromBlob(w.string());
        String namespace = w.text();
        w.string(); // reserved
        String hash = w.text();
        byte[] sig = w.string();
        if (!w.done()) {
            throw new IllegalArgumentException("trailing data after the signature");
        }
        return new SshSignature(key, namespace, hash, sig);
    }

    /** Whether the signature is the key's over {@code message} in this signature's namespace. */
    boolean verifies(byte[] message) {
        String digestName = switch (hashAlgorithm) {
            case "sha512" -> "SHA-512";
            case "sha256" -> "SHA-256";
            default -> throw new UnsupportedOperationException("SSHSIG hash " + hashAlgorithm);
        };
        byte[] hash;
        try {
            hash = MessageDigest.getInstance(digestName).digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.writeBytes(MAGIC);
        signed.writeBytes(SshWire.encode(namespace.getBytes(StandardCharsets.UTF_8)));
        signed.writeBytes(SshWire.encode(new byte[0]));
        signed.writeBytes(SshWire.encode(hashAlgorithm.getBytes(StandardCharsets.UTF_8)));
        signed.writeBytes(SshWire.encode(hash));
        return key.verify(signed.toByteArray(), signature);
    }
}
