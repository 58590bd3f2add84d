package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Dead Simple Signing Envelopes: the signature is over the pre-authentication encoding of the payload type
 * and payload, never the payload alone. https://github.com/secure-systems-lab/dsse/blob/master/protocol.md
 */
public final class Dsse {
    public static final String IN_TOTO = "application/vnd.in-toto+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dsse() {}

    /** {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths as ASCII decimals. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** One signature of an envelope: the key's id (its hint) and the signature bytes. */
    public record Signature(String keyid, byte[] sig) {}

    public record Envelope(String payloadType, byte[] payload, List<Signature> signatures) {
        public Envelope {
            signatures = List.copyOf(signatures);
        }

        /** The envelope as JSON, one line. */
        public String toJson() {
            return toJsonNode().toString();
        }

        /** Whether one of the keys verifies one of the signatures over the pre-authentication encoding. */
        public boolean signedBy(List<java.security.PublicKey> keys) {
            byte[] pae = pae(payloadType, payload);
            return signatures.stream().anyMatch(sig -> PublicKeys.anyVerifies(keys, pae, sig.sig()));
        }

        /** @throws IllegalArgumentException when the JSON is not an envelope */
        public static Envelope parse(byte[] json) {
            try {
                return fromJsonNode(JSON.readTree(json));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("not JSON (truncated?)");
            }
        }

        ObjectNode toJsonNode() {
            ObjectNode n = JSON.createObjectNode().put("payload", Base64.getEncoder().encodeToString(payload))
                    .put("payloadType", payloadType);
            var sigs = n.putArray("signatures");
            for (Signature s : signatures) {
                ObjectNode sn = sigs.addObject().put("sig", Base64.getEncoder().encodeToString(s.sig()));
                if (s.keyid() != null) {
                    sn.put("keyid", s.keyid());
                }
            }
            return n;
        }

        static Envelope fromJsonNode(JsonNode n) {
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the DSSE envelope is not an object");
            }
            String type = n.path("payloadType").asText("");
            if (type.isEmpty()) {
                throw new IllegalArgumentException("the DSSE envelope has no payloadType");
            }
            byte[] payload = SigstoreBundle.base64(n.path("payload"), "dsseEnvelope.payload");
            List<Signature> sigs = new ArrayList<>();
            for (JsonNode s : n.path("signatures")) {
                sigs.add(new Signature(s.path("keyid").asText(null), SigstoreBundle.base64(s.path("sig"), "signature")));
            }
            if (sigs.isEmpty()) {
                throw new IllegalArgumentException("the DSSE envelope has no signature");
            }
            return new Envelope(type, payload, sigs);
        }
    }

    /** Signs a payload into an envelope with one signature. */
    public static Envelope sign(String payloadType, byte[] payload, SigningKey key) {
        return new Envelope(payloadType, payload, List.of(new Signature(key.hint(), key.sign(pae(payloadType, payload)))));
    }
}
