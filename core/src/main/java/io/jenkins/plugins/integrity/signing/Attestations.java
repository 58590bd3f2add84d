package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attestations of images in cosign's layout: an in-toto Statement v1 (https://github.com/in-toto/attestation)
 * whose subject is the image's digest, signed in a DSSE envelope, pushed as a layer of type
 * {@code application/vnd.dsse.envelope.v1+json} (annotated with its {@code predicateType}) of the manifest tagged
 * {@code sha256-<hex>.att}; and their verification.
 */
public final class Attestations {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String CYCLONEDX = "https://cyclonedx.org/bom";
    public static final String SLSA_PROVENANCE = "https://slsa.dev/provenance/v1";
    static final String ENVELOPE_TYPE = "application/vnd.dsse.envelope.v1+json";
    private static final int MAX_ENVELOPE = 32 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RegistryClient registry;

    public Attestations(RegistryClient registry) {
        this.registry = registry;
    }

    /** {@code cyclonedx}/{@code sbom} and {@code slsa}/{@code provenance} as their predicate type URIs; else as given. */
    public static String predicateType(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "cyclonedx", "sbom" -> CYCLONEDX;
            case "slsa", "provenance" -> SLSA_PROVENANCE;
            default -> name.trim();
        };
    }

    static String attestationTag(Digest image) {
        return image.algorithm() + "-" + image.hex() + ".att";
    }

    /** The in-toto statement of a predicate about the image. */
    static byte[] statement(String name, Digest image, String predicateType, JsonNode predicate) throws IOException {
        ObjectNode s = JSON.createObjectNode().put("_type", STATEMENT_TYPE);
        s.putArray("subject").addObject().put("name", name).putObject("digest").put(image.algorithm(), image.hex());
        s.put("predicateType", predicateType);
        s.set("predicate", predicate);
        return JSON.writeValueAsBytes(s);
    }

    /** Signs a predicate about the image (found by its digest) and adds it to the image's attestations. */
    public Digest attest(ImageReference ref, SigningKey key, String predicateType, byte[] predicateJson) throws IOException {
        JsonNode predicate;
        try {
            predicate = JSON.readTree(predicateJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("the predicate is not JSON");
        }
        if (predicate == null || !predicate.isObject()) {
            throw new IllegalArgumentException("the predicate is not a JSON object");
        }
        String repo = ref.repository();
        Digest image = ref.digest() != null ? ref.digest() : registry.manifest(repo, ref.tag()).digest();
        byte[] statement = statement(ref.registry() + "/" + repo, image, predicateType, predicate);
        Dsse.Envelope envelope = Dsse.sign(Dsse.IN_TOTO, statement, key);
        byte[] envelopeBytes = JSON.writeValueAsBytes(envelope.toJsonNode());
        String envelopeDigest = Digest.sha256(envelopeBytes).toString();
        CosignLayout.addLayer(registry, repo, attestationTag(image), ENVELOPE_TYPE, envelopeBytes,
                Map.of("predicateType", predicateType), l -> envelopeDigest.equals(l.path("digest").asText()));
        return image;
    }

    /** A verified attestation's predicate, or why none of the image's attestations of that type verified. */
    public record Verified(boolean ok, Digest image, JsonNode predicate, String reason) {}

    /** Finds an attestation of the predicate type about this very image that a trusted key signed. */
    public Verified verify(ImageReference ref, List<PublicKey> trusted, String predicateType) throws IOException {
        String repo = ref.repository();
        Digest image = ref.digest() != null ? ref.digest() : registry.manifest(repo, ref.tag()).digest();
        JsonNode layers = CosignLayout.layers(registry, repo, attestationTag(image));
        if (layers == null) {
            return new Verified(false, image, null, "the image " + image + " has no " + attestationTag(image)
                    + " attestations");
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode l : layers) {
            if (!ENVELOPE_TYPE.equals(l.path("mediaType").asText())) {
                reasons.add("a layer of the unknown media type '" + l.path("mediaType").asText() + "'");
                continue;
            }
            try {
                byte[] bytes = CosignLayout.fetch(registry, repo, l, MAX_ENVELOPE, "envelope");
                Dsse.Envelope env = Dsse.Envelope.fromJsonNode(JSON.readTree(bytes));
                if (!Dsse.IN_TOTO.equals(env.payloadType())) {
                    reasons.add("an envelope of payload type '" + env.payloadType() + "'");
                    continue;
                }
                if (!signedByTrusted(env, trusted)) {
                    reasons.add("an attestation no trusted key signed");
                    continue;
                }
                JsonNode statement = JSON.readTree(env.payload());
                if (!STATEMENT_TYPE.equals(statement.path("_type").asText())) {
                    reasons.add("a payload that is not an in-toto Statement v1");
                    continue;
                }
                if (!predicateType.equals(statement.path("predicateType").asText())) {
                    reasons.add("an attestation of " + statement.path("predicateType").asText());
                    continue;
                }
                boolean about = false;
                for (JsonNode s : statement.path("subject")) {
                    about |= image.hex().equals(s.path("digest").path(image.algorithm()).asText());
                }
                if (!about) {
                    reasons.add("an attestation about another image");
                    continue;
                }
                return new Verified(true, image, statement.path("predicate"), "attested by a trusted key");
            } catch (IllegalArgumentException | IOException e) {
                reasons.add("an envelope that cannot be read (" + e.getMessage() + ")");
            }
        }
        return new Verified(false, image, null, reasons.isEmpty() ? "no attestation" : String.join("; ", reasons));
    }

    private static boolean signedByTrusted(Dsse.Envelope env, List<PublicKey> trusted) {
        byte[] pae = Dsse.pae(env.payloadType(), env.payload());
        return env.signatures().stream().anyMatch(sig -> PublicKeys.anyVerifies(trusted, pae, sig.sig()));
    }
}
