package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.signing.Dsse;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;

/**
 * An approved baseline: a snapshot signed as a DSSE envelope (payload type
 * {@code application/vnd.pipeline-integrity.controller-snapshot+json}) with a key-based signing key, or a plain
 * snapshot pinned by its SHA-256. A baseline is only used once its signature (or digest) verifies.
 */
public final class Baseline {
    public static final String PAYLOAD_TYPE = "application/vnd.pipeline-integrity.controller-snapshot+json";

    /** How a baseline was vouched for. */
    public enum Trust { SIGNED, PINNED, UNVERIFIED }

    /** A verified baseline and how it was verified. */
    public record Verified(ControllerSnapshot snapshot, Trust trust) {}

    /** Why a baseline cannot be used. */
    public static final class RejectedException extends Exception {
        private static final long serialVersionUID = 1L;

        RejectedException(String message) {
            super(message);
        }
    }

    private Baseline() {}

    /** The snapshot signed into an envelope, as JSON. */
    public static String sign(ControllerSnapshot snapshot, SigningKey key) {
        return Dsse.sign(PAYLOAD_TYPE, snapshot.toJson().getBytes(StandardCharsets.UTF_8), key).toJson() + "\n";
    }

    /**
     * Reads a baseline file: an envelope, which a trusted key must have signed, or a plain snapshot, whose
     * SHA-256 must be {@code sha256} when one is given. A plain snapshot with neither is UNVERIFIED.
     * @param trusted the keys that may have signed it (none: an envelope is refused)
     * @param sha256 the hex SHA-256 a plain snapshot must have, or null
     * @throws RejectedException saying why the baseline is not trusted
     * @throws IllegalArgumentException when the file is neither an envelope nor a snapshot
     */
    public static Verified read(byte[] file, List<PublicKey> trusted, String sha256) throws RejectedException {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON (truncated?)");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("neither a signed baseline nor a snapshot");
        }
        if (root.has("payloadType")) {
            Dsse.Envelope env = Dsse.Envelope.parse(file);
            if (!PAYLOAD_TYPE.equals(env.payloadType())) {
                throw new RejectedException("the envelope's payload type is '" + env.payloadType() + "', not a"
                        + " controller snapshot");
            }
            if (trusted.isEmpty()) {
                throw new RejectedException("the baseline is signed and no key was given to verify it");
            }
            if (!env.signedBy(trusted)) {
                throw new RejectedException("the baseline's signature does not verify with the trusted key(s): it was"
                        + " changed after signing, or signed by another key");
            }
            return new Verified(ControllerSnapshot.parse(env.payload()), Trust.SIGNED);
        }
        if (!trusted.isEmpty() && sha256 == null) {
            throw new RejectedException("a key was given but the baseline is not signed");
        }
        if (sha256 != null) {
            String actual = HomeFiles.sha256(file);
            if (!actual.equalsIgnoreCase(sha256.strip())) {
                throw new RejectedException("the baseline's SHA-256 is " + actual + ", not the pinned " + sha256.strip());
            }
            return new Verified(ControllerSnapshot.parse(file), Trust.PINNED);
        }
        return new Verified(ControllerSnapshot.parse(file), Trust.UNVERIFIED);
    }
}
