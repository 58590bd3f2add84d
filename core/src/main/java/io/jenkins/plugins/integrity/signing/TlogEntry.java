package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Rekor transparency log entry as a bundle carries it ({@code TransparencyLogEntry}): where it sits in the
 * log, when the log integrated it, the log's signed promise to include it (SET), the proof that it is included
 * (with the signed checkpoint), and the entry's canonical body.
 * https://github.com/sigstore/protobuf-specs/blob/main/protos/sigstore_rekor.proto
 *
 * @param signedEntryTimestamp null when the entry has none
 * @param inclusionProof null when the entry has none
 */
public record TlogEntry(long logIndex, byte[] logId, String kind, String version, long integratedTime,
        byte[] signedEntryTimestamp, InclusionProof inclusionProof, byte[] canonicalizedBody) {

    /** An RFC 6962 inclusion proof of the entry at {@code logIndex} in a tree of {@code treeSize}. */
    public record InclusionProof(long logIndex, long treeSize, byte[] rootHash, List<byte[]> hashes, String checkpoint) {
        public InclusionProof {
            hashes = List.copyOf(hashes);
        }
    }

    ObjectNode toJson(ObjectMapper json) {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode e = json.createObjectNode().put("logIndex", Long.toString(logIndex));
        e.putObject("logId").put("keyId", b64.encodeToString(logId));
        e.putObject("kindVersion").put("kind", kind).put("version", version);
        e.put("integratedTime", Long.toString(integratedTime));
        if (signedEntryTimestamp != null) {
            e.putObject("inclusionPromise").put("signedEntryTimestamp", b64.encodeToString(signedEntryTimestamp));
        }
        if (inclusionProof != null) {
            ObjectNode p = e.putObject("inclusionProof").put("logIndex", Long.toString(inclusionProof.logIndex()))
                    .put("rootHash", b64.encodeToString(inclusionProof.rootHash()))
                    .put("treeSize", Long.toString(inclusionProof.treeSize()));
            var hashes = p.putArray("hashes");
            inclusionProof.hashes().forEach(h -> hashes.add(b64.encodeToString(h)));
            p.putObject("checkpoint").put("envelope", inclusionProof.checkpoint());
        }
        e.put("canonicalizedBody", b64.encodeToString(canonicalizedBody));
        return e;
    }

    /** Reads a bundle's entry. @throws IllegalArgumentException naming the malformed field */
    static TlogEntry fromJson(JsonNode e) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("a tlog entry is not an object");
        }
        InclusionProof proof = null;
        JsonNode p = e.get("inclusionProof");
        if (p != null && p.isObject()) {
            List<byte[]> hashes = new ArrayList<>();
            JsonNode hs = p.path("hashes");
            if (!hs.isMissingNode() && !hs.isArray()) {
                throw new IllegalArgumentException("the inclusion proof's hashes are not an array");
            }
            for (JsonNode h : hs) {
                hashes.add(SigstoreBundle.base64(h, "inclusionProof.hashes"));
            }
            JsonNode cp = p.path("checkpoint").path("envelope");
            proof = new InclusionProof(number(p.path("logIndex"), "inclusionProof.logIndex", true),
                    number(p.path("treeSize"), "inclusionProof.treeSize", false),
                    SigstoreBundle.base64(p.path("rootHash"), "inclusionProof.rootHash"), hashes,
                    cp.isTextual() ? cp.asText() : null);
        }
        JsonNode promise = e.path("inclusionPromise").path("signedEntryTimestamp");
        return new TlogEntry(number(e.path("logIndex"), "tlog logIndex", true),
                SigstoreBundle.base64(e.path("logId").path("keyId"), "tlog logId"),
                e.path("kindVersion").path("kind").asText(""), e.path("kindVersion").path("version").asText(""),
                number(e.path("integratedTime"), "tlog integratedTime", true),
                promise.isMissingNode() ? null : SigstoreBundle.base64(promise, "signedEntryTimestamp"), proof,
                SigstoreBundle.base64(e.path("canonicalizedBody"), "tlog canonicalizedBody"));
    }

    /**
     * Reads the answer of Rekor's {@code POST /api/v1/log/entries}: one {@code uuid: LogEntry} pair, with hex
     * log id and hashes. @throws IllegalArgumentException when it is not that
     */
    static TlogEntry fromRekorResponse(JsonNode response) {
        Iterator<Map.Entry<String, JsonNode>> it = response.isObject() ? response.fields() : java.util.Collections.emptyIterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException("the log's answer holds no entry");
        }
        JsonNode e = it.next().getValue();
        byte[] body = SigstoreBundle.base64(e.path("body"), "body");
        JsonNode kv;
        try {
            kv = new ObjectMapper().readTree(body);
        } catch (java.io.IOException ex) {
            throw new IllegalArgumentException("the entry's body is not JSON");
        }
        HexFormat hex = HexFormat.of();
        JsonNode v = e.path("verification");
        JsonNode p = v.path("inclusionProof");
        InclusionProof proof = null;
        try {
            if (p.isObject()) {
                List<byte[]> hashes = new ArrayList<>();
                for (JsonNode h : p.path("hashes")) {
                    hashes.add(hex.parseHex(h.asText()));
                }
                proof = new InclusionProof(p.path("logIndex").asLong(), p.path("treeSize").asLong(),
                        hex.parseHex(p.path("rootHash").asText()), hashes, p.path("checkpoint").asText(null));
            }
            JsonNode set = v.path("signedEntryTimestamp");
            return new TlogEntry(e.path("logIndex").asLong(), hex.parseHex(e.path("logID").asText()),
                    kv.path("kind").asText(""), kv.path("apiVersion").asText(""), e.path("integratedTime").asLong(),
                    set.isTextual() ? SigstoreBundle.base64(set, "signedEntryTimestamp") : null, proof, body);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("the log's answer is malformed: " + ex.getMessage());
        }
    }

    private static long number(JsonNode n, String field, boolean zeroIfAbsent) {
        if (n.isMissingNode() && zeroIfAbsent) {
            return 0; // proto3 JSON leaves zero values out
        }
        try {
            long v = n.isNumber() ? n.asLong() : Long.parseLong(n.asText());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the bundle's " + field + " is not a number");
        }
    }
}
