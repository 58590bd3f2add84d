package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a transparency log entry against the trusted logs: the entry is from a log the trusted root names and
 * was valid for at the integrated time; the log's signed entry timestamp (SET) over the entry verifies, and so
 * does the RFC 6962 inclusion proof up to a checkpoint the log signed; and the entry records this very
 * signature (a {@code hashedrekord} of the artifact's digest, the signature and the certificate).
 * https://github.com/sigstore/rekor/blob/main/pkg/api/entries.go · https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3
 */
public final class TlogVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TrustedRoot root;

    public TlogVerifier(TrustedRoot root) {
        this.root = root;
    }

    /** Why an entry does not verify. */
    public static final class InvalidEntryException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidEntryException(String message) {
            super(message);
        }
    }

    /**
     * @return the instant the log integrated the entry, which the log vouches for
     * @throws InvalidEntryException saying what does not verify
     */
    public Instant verify(TlogEntry entry, byte[] sha256, byte[] signature, byte[] certificateDer)
            throws InvalidEntryException {
        TrustedRoot.TransparencyLog log = root.tlog(entry.logId());
        if (log == null) {
            throw new InvalidEntryException("the entry is from a log the trusted root does not name ("
                    + HexFormat.of().formatHex(entry.logId()) + ")");
        }
        Instant integrated = Instant.ofEpochSecond(entry.integratedTime());
        if (!log.validFor().contains(integrated)) {
            throw new InvalidEntryException("the log's key was not valid at the integrated time " + integrated);
        }
        if (entry.signedEntryTimestamp() == null && entry.inclusionProof() == null) {
            throw new InvalidEntryException("the entry has neither a signed entry timestamp nor an inclusion proof");
        }
        if (entry.signedEntryTimestamp() != null && !verifies(log.publicKey(), setPayload(entry),
                entry.signedEntryTimestamp())) {
            throw new InvalidEntryException("the log's signed entry timestamp does not verify");
        }
        if (entry.inclusionProof() != null) {
            checkInclusion(entry, log);
        }
        checkBody(entry, sha256, signature, certificateDer);
        return integrated;
    }

    /** What the SET signs: the canonical JSON (keys sorted) of body, integratedTime, logID (hex), logIndex. */
    static byte[] setPayload(TlogEntry entry) {
        ObjectNode n = JSON.createObjectNode();
        n.put("body", Base64.getEncoder().encodeToString(entry.canonicalizedBody()));
        n.put("integratedTime", entry.integratedTime());
        n.put("logID", HexFormat.of().formatHex(entry.logId()));
        n.put("logIndex", entry.logIndex());
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void checkInclusion(TlogEntry entry, TrustedRoot.TransparencyLog log) throws InvalidEntryException {
        TlogEntry.InclusionProof p = entry.inclusionProof();
        byte[] leaf = hash(new byte[] {0}, entry.canonicalizedBody());
        byte[] computed = rootFromProof(p.logIndex(), p.treeSize(), leaf, p.hashes());
        if (computed == null || !MessageDigest.isEqual(computed, p.rootHash())) {
            throw new InvalidEntryException("the inclusion proof does not lead to the root hash");
        }
        if (p.checkpoint() == null) {
            return; // the SET, verified above or required, vouches for the entry
        }
        Checkpoint cp = Checkpoint.parse(p.checkpoint());
        if (cp == null) {
            throw new InvalidEntryException("the inclusion proof's checkpoint is not a signed note");
        }
        if (cp.size() != p.treeSize() || !MessageDigest.isEqual(cp.rootHash(), p.rootHash())) {
            throw new InvalidEntryException("the checkpoint is of another tree than the inclusion proof");
        }
        byte[] hint = Arrays.copyOf(entry.logId(), 4);
        boolean signed = cp.signatures().stream().anyMatch(s -> s.length > 4
                && MessageDigest.isEqual(Arrays.copyOf(s, 4), hint)
                && verifies(log.publicKey(), cp.text().getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(s, 4, s.length)));
        if (!signed) {
            throw new InvalidEntryException("the checkpoint is not signed by the log");
        }
    }

    /** The root hash an RFC 9162 inclusion proof leads to, or null when the proof does not fit the tree. */
    static byte[] rootFromProof(long index, long treeSize, byte[] leafHash, List<byte[]> path) {
        if (index < 0 || index >= treeSize) {
            return null;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = hash(new byte[] {1}, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = hash(new byte[] {1}, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    private static void checkBody(TlogEntry entry, byte[] sha256, byte[] signature, byte[] certificateDer)
            throws InvalidEntryException {
        if (!"hashedrekord".equals(entry.kind())) {
            throw new InvalidEntryException("the entry is a '" + entry.kind() + "', not the hashedrekord of a signed"
                    + " artifact");
        }
        JsonNode body;
        try {
            body = JSON.readTree(entry.canonicalizedBody());
        } catch (java.io.IOException e) {
            throw new InvalidEntryException("the entry's body is not JSON");
        }
        JsonNode spec = body.path("spec");
        JsonNode hash = spec.path("data").path("hash");
        if (!"sha256".equals(hash.path("algorithm").asText())
                || !HexFormat.of().formatHex(sha256).equalsIgnoreCase(hash.path("value").asText())) {
            throw new InvalidEntryException("the entry records another artifact digest");
        }
        try {
            byte[] sig = Base64.getDecoder().decode(spec.path("signature").path("content").asText(""));
            if (!MessageDigest.isEqual(sig, signature)) {
                throw new InvalidEntryException("the entry records another signature");
            }
            String pem = new String(Base64.getDecoder().decode(spec.path("signature").path("publicKey")
                    .path("content").asText("")), StandardCharsets.UTF_8);
            byte[] recorded = Pem.decode(pem, "CERTIFICATE");
            if (recorded == null || !MessageDigest.isEqual(recorded, certificateDer)) {
                throw new InvalidEntryException("the entry records another certificate");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException("the entry's signature or certificate is not base64");
        }
    }

    static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            String alg = key.getAlgorithm().startsWith("Ed") ? "Ed25519" : key.getAlgorithm().equals("RSA")
                    ? "SHA256withRSA" : "SHA256withECDSA";
            Signature s = Signature.getInstance(alg, SigningKey.BC);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static byte[] hash(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed note (https://github.com/transparency-dev/formats/blob/main/log/README.md): text and signatures. */
    record Checkpoint(String text, long size, byte[] rootHash, List<byte[]> signatures) {
        static Checkpoint parse(String note) {
            int split = note.indexOf("\n\n");
            if (split < 0) {
                return null;
            }
            String text = note.substring(0, split + 1);
            String[] lines = text.split("\n");
            if (lines.length < 3) {
                return null;
            }
            try {
                long size = Long.parseLong(lines[1]);
                byte[] root = Base64.getDecoder().decode(lines[2]);
                List<byte[]> sigs = new java.util.ArrayList<>();
                for (String line : note.substring(split + 2).split("\n")) {
                    if (line.startsWith("\u2014 ")) {
                        int sp = line.lastIndexOf(' ');
                        sigs.add(Base64.getDecoder().decode(line.substring(sp + 1)));
                    }
                }
                return new Checkpoint(text, size, root, sigs);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
