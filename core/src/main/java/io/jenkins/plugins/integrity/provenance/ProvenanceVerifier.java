package io.jenkins.plugins.integrity.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.signing.Dsse;
import java.io.IOException;
import java.security.PublicKey;
import java.util.List;

/**
 * Reads signed provenance (a DSSE envelope of an in-toto statement) back: the signature must verify with a trusted
 * key, the statement must be a Statement v1 of SLSA provenance v1, and an artifact is only covered when one
 * subject carries its SHA-256.
 */
public final class ProvenanceVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvenanceVerifier() {}

    /** Signed provenance that verified: its statement. */
    public record Verified(JsonNode statement) {
        /** Whether a subject has this hex SHA-256. */
        public boolean covers(String sha256) {
            for (JsonNode s : statement.path("subject")) {
                if (sha256.equalsIgnoreCase(s.path("digest").path("sha256").asText())) {
                    return true;
                }
            }
            return false;
        }

        public JsonNode predicate() {
            return statement.path("predicate");
        }
    }

    /** Why provenance is not trusted. */
    public static final class RejectedException extends Exception {
        private static final long serialVersionUID = 1L;

        RejectedException(String message) {
            super(message);
        }
    }

    /** @throws RejectedException saying what does not hold */
    public static Verified verify(byte[] envelopeJson, List<PublicKey> trusted) throws RejectedException {
        Dsse.Envelope env;
        try {
            env = Dsse.Envelope.parse(envelopeJson);
        } catch (IllegalArgumentException e) {
            throw new RejectedException("not a DSSE envelope: " + e.getMessage());
        }
        if (!Dsse.IN_TOTO.equals(env.payloadType())) {
            throw new RejectedException("the envelope's payload type is '" + env.payloadType() + "', not in-toto");
        }
        if (trusted.isEmpty() || !env.signedBy(trusted)) {
            throw new RejectedException(trusted.isEmpty() ? "no trusted key was given" : "no trusted key verifies the"
                    + " provenance's signature");
        }
        JsonNode statement;
        try {
            statement = JSON.readTree(env.payload());
        } catch (IOException e) {
            throw new RejectedException("the statement is not JSON");
        }
        if (statement == null || !BuildProvenance.STATEMENT_TYPE.equals(statement.path("_type").asText())) {
            throw new RejectedException("the payload is not an in-toto Statement v1");
        }
        if (!BuildProvenance.PREDICATE_TYPE.equals(statement.path("predicateType").asText())) {
            throw new RejectedException("the statement's predicate is '" + statement.path("predicateType").asText()
                    + "', not SLSA provenance v1");
        }
        return new Verified(statement);
    }
}
