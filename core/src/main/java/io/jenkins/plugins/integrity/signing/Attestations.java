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
 * Attestations of images: an in-toto Statement v1 (https://github.com/in-toto/attestation) whose subject is the
 * image's digest, signed in a DSSE envelope, pushed both in cosign's {@code .att} layout (a layer of type
 * {@code application/vnd.dsse.envelope.v1+json}, annotated with its {@code predicateType}, of the manifest tagged
 * {@code sha256-<hex>.att}) and as a Sigstore bundle referrer (cosign 3's layout); and their verification in
 * either.
 */
public final class Attestations {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String CYCLONEDX = "https://cyclonedx.org/bom";
    public static final String SLSA_PROVENANCE = "https://slsa.dev/provenance/v1";
    static final String ENVELOPE_TYPE = "application/vnd.dsse.envelope.v1+json";
    private static final int MAX_ENVELOPE = 32 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RegistryClient registry;
    private final java.util.Set<ImageLayout> layouts;

    public Attestations(RegistryClient registry) {
        this(registry, ImageLayout.both());
    }

    /** @param layouts where {@link #attest} writes: cosign's {@code .att} tag, a bundle referrer, or both */
    public Attestations(RegistryClient registry, java.util.Set<ImageLayout> layouts) {
        this.registry = registry;
        this.layouts = java.util.Set.copyOf(layouts);
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
        push(repo, image, Dsse.sign(Dsse.IN_TOTO, statement, key), predicateType, key.hint());
        return image;
    }

    /**
     * Adds an envelope signed elsewhere (the controller's provenance, signed where the agent never sees the key) to
     * the attestations of an image named by its digest: an in-toto Statement v1 with this image among its subjects,
     * else nothing is pushed.
     *
     * @param keyHint the signing key's hint, recorded in the bundle referrer
     * @return the predicate type attached
     */
    public String attach(ImageReference ref, Dsse.Envelope envelope, String keyHint) throws IOException {
        if (ref.digest() == null) {
            throw new IllegalArgumentException("the image " + ref + " is not named by its digest");
        }
        if (!Dsse.IN_TOTO.equals(envelope.payloadType())) {
            throw new IllegalArgumentException("the envelope's payload type is '" + envelope.payloadType()
                    + "', not in-toto");
        }
        JsonNode statement;
        try {
            statement = JSON.readTree(envelope.payload());
        } catch (IOException e) {
            throw new IllegalArgumentException("the envelope's payload is not JSON");
        }
        if (statement == null || !STATEMENT_TYPE.equals(statement.path("_type").asText())
                || !statement.path("predicateType").isTextual()) {
            throw new IllegalArgumentException("the envelope's payload is not an in-toto Statement v1");
        }
        boolean about = false;
        for (JsonNode s : statement.path("subject")) {
            about |= ref.digest().hex().equals(s.path("digest").path(ref.digest().algorithm()).asText());
        }
        if (!about) {
            throw new IllegalArgumentException("the statement is not about " + ref.digest());
        }
        String predicateType = statement.path("predicateType").asText();
        push(ref.repository(), ref.digest(), envelope, predicateType, keyHint);
        return predicateType;
    }

    private void push(String repo, Digest image, Dsse.Envelope envelope, String predicateType, String keyHint)
            throws IOException {
        byte[] envelopeBytes = JSON.writeValueAsBytes(envelope.toJsonNode());
        String envelopeDigest = Digest.sha256(envelopeBytes).toString();
        if (layouts.contains(ImageLayout.TAG)) {
            CosignLayout.addLayer(registry, repo, attestationTag(image), ENVELOPE_TYPE, envelopeBytes,
                    Map.of("predicateType", predicateType), l -> envelopeDigest.equals(l.path("digest").asText()));
        }
        if (layouts.contains(ImageLayout.REFERRER)) {
            new BundleReferrers(registry).attach(repo, image, SigstoreBundle.keyBased(keyHint, null, envelope),
                    predicateType);
        }
    }

    /** A verified attestation's predicate, or why none of the image's attestations of that type verified. */
    public record Verified(boolean ok, Digest image, JsonNode predicate, String reason) {}

    /**
     * Finds an attestation of the predicate type about this very image that a trusted key signed, in cosign's
     * {@code .att} layout or among the image's Sigstore bundle referrers.
     */
    public Verified verify(ImageReference ref, List<PublicKey> trusted, String predicateType) throws IOException {
        String repo = ref.repository();
        Digest image = ref.digest() != null ? ref.digest() : registry.manifest(repo, ref.tag()).digest();
        JsonNode layers = CosignLayout.layers(registry, repo, attestationTag(image));
        List<String> reasons = new ArrayList<>();
        for (JsonNode l : layers == null ? JSON.createArrayNode() : layers) {
            if (!ENVELOPE_TYPE.equals(l.path("mediaType").asText())) {
                reasons.add("a layer of the unknown media type '" + l.path("mediaType").asText() + "'");
                continue;
            }
            try {
                byte[] bytes = CosignLayout.fetch(registry, repo, l, MAX_ENVELOPE, "envelope");
                Checked c = check(Dsse.Envelope.fromJsonNode(JSON.readTree(bytes)), trusted, predicateType, image);
                if (c.predicate() != null) {
                    return new Verified(true, image, c.predicate(), "attested by a trusted key (" + attestationTag(image)
                            + ")");
                }
                reasons.add(c.reason());
            } catch (IllegalArgumentException | IOException e) {
                reasons.add("an envelope that cannot be read (" + e.getMessage() + ")");
            }
        }
        BundleReferrers.Found referred = new BundleReferrers(registry).find(repo, image, trusted, predicateType);
        if (referred.predicate() != null) {
            return new Verified(true, image, referred.predicate(), "attested by a trusted key (a Sigstore bundle referrer)");
        }
        reasons.addAll(referred.reasons());
        if (layers == null && !referred.any()) {
            return new Verified(false, image, null, "the image " + image + " has no " + attestationTag(image)
                    + " attestations and no Sigstore bundle referrer of " + predicateType);
        }
        return new Verified(false, image, null, reasons.isEmpty() ? "no attestation" : String.join("; ", reasons));
    }

    /** A statement's predicate when it verifies, else null and why not. */
    record Checked(JsonNode predicate, String reason) {}

    /**
     * Checks an envelope: an in-toto payload a trusted key signed, a Statement v1 of the predicate type, about
     * this very image (its digest among the subjects).
     */
    static Checked check(Dsse.Envelope env, List<PublicKey> trusted, String predicateType, Digest image) {
        if (!Dsse.IN_TOTO.equals(env.payloadType())) {
            return new Checked(null, "an envelope of payload type '" + env.payloadType() + "'");
        }
        if (!env.signedBy(trusted)) {
            return new Checked(null, "an attestation no trusted key signed");
        }
        JsonNode statement;
        try {
            statement = JSON.readTree(env.payload());
        } catch (IOException e) {
            return new Checked(null, "a payload that is not JSON");
        }
        if (statement == null || !STATEMENT_TYPE.equals(statement.path("_type").asText())) {
            return new Checked(null, "a payload that is not an in-toto Statement v1");
        }
        if (!predicateType.equals(statement.path("predicateType").asText())) {
            return new Checked(null, "an attestation of " + statement.path("predicateType").asText());
        }
        boolean about = false;
        for (JsonNode s : statement.path("subject")) {
            about |= image.hex().equals(s.path("digest").path(image.algorithm()).asText());
        }
        if (!about) {
            return new Checked(null, "an attestation about another image");
        }
        JsonNode predicate = statement.path("predicate");
        return new Checked(predicate.isMissingNode() ? JSON.createObjectNode() : predicate, null);
    }
}
