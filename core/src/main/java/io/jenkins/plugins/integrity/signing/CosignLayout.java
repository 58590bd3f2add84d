package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.MediaTypes;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;

/**
 * The registry layout cosign reads and writes for image signatures
 * (https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md): a manifest tagged
 * {@code sha256-<hex>.sig} in the image's repository, one layer per signature, each a simple-signing payload
 * naming the image's manifest digest, with the signature in the layer's {@code dev.cosignproject.cosign/signature}
 * annotation.
 */
final class CosignLayout {
    static final String PAYLOAD_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    static final String SIGNATURE_TYPE = "cosign container image signature";
    /** Keyless: the signing certificate (PEM), the rest of its chain (PEM), and the Rekor entry's bundle (JSON). */
    static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
    static final String CHAIN_ANNOTATION = "dev.sigstore.cosign/chain";
    static final String BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CosignLayout() {}

    /** {@code sha256-<hex>.sig}: the tag of the signatures of the image with this manifest digest. */
    static String signatureTag(Digest image) {
        return image.algorithm() + "-" + image.hex() + ".sig";
    }

    /** The simple-signing payload that a signature over it binds to the image's digest. */
    static byte[] payload(String dockerReference, Digest image) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode critical = root.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", image.toString());
        critical.put("type", SIGNATURE_TYPE);
        root.putNull("optional");
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a payload could not be written", e);
        }
    }

    /**
     * Adds a layer to the manifest tagged {@code tag} (cosign's {@code .sig} or {@code .att}), keeping the layers
     * already there except those {@code replaces} selects, and pushes the layer's blob, the config and the
     * manifest.
     * @param annotations the new layer's annotations
     */
    static void addLayer(RegistryClient registry, String repo, String tag, String mediaType, byte[] content,
            java.util.Map<String, String> annotations, Predicate<JsonNode> replaces) throws IOException {
        Digest digest = registry.pushBlob(repo, content);
        ArrayNode layers = JSON.createArrayNode();
        RegistryClient.Fetched existing = registry.manifestIfPresent(repo, tag);
        if (existing != null) {
            for (JsonNode l : JSON.readTree(existing.bytes()).path("layers")) {
                if (!replaces.test(l)) {
                    layers.add(l);
                }
            }
        }
        ObjectNode layer = layers.addObject().put("mediaType", mediaType).put("size", content.length)
                .put("digest", digest.toString());
        ObjectNode a = layer.putObject("annotations");
        annotations.forEach(a::put);
        ObjectNode config = JSON.createObjectNode().put("architecture", "").put("os", "");
        config.putObject("config");
        ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.path("digest").asText()));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        Digest configDigest = registry.pushBlob(repo, configBytes);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config").put("mediaType", MediaTypes.OCI_CONFIG).put("size", configBytes.length)
                .put("digest", configDigest.toString());
        manifest.set("layers", layers);
        registry.pushManifest(repo, tag, JSON.writeValueAsBytes(manifest), MediaTypes.OCI_MANIFEST);
    }

    /** The layers of the manifest tagged {@code tag}, or null when there is none. */
    static JsonNode layers(RegistryClient registry, String repo, String tag) throws IOException {
        RegistryClient.Fetched m = registry.manifestIfPresent(repo, tag);
        return m == null ? null : JSON.readTree(m.bytes()).path("layers");
    }

    /**
     * A layer's blob, checked against its descriptor's digest and size as it is read.
     * @throws IllegalArgumentException for a descriptor without a valid digest or with no or an implausible size
     */
    static byte[] fetch(RegistryClient registry, String repo, JsonNode layer, long max, String what) throws IOException {
        Digest digest = Digest.parse(layer.path("digest").asText(null));
        long size = layer.path("size").asLong(-1);
        if (size < 0 || size > max) {
            throw new IllegalArgumentException(what + " of no or an implausible size");
        }
        try (InputStream in = new VerifyingInputStream(registry.blob(repo, digest), digest, size, what + " " + digest)) {
            return in.readAllBytes();
        }
    }

    /** The image digest a payload names, after checking its type; throws IllegalArgumentException otherwise. */
    static Digest signedDigest(byte[] payload) {
        try {
            var root = JSON.readTree(payload);
            var critical = root.path("critical");
            if (!SIGNATURE_TYPE.equals(critical.path("type").asText())) {
                throw new IllegalArgumentException("the payload is not a cosign container image signature");
            }
            return Digest.parse(critical.path("image").path("docker-manifest-digest").asText(null));
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not JSON");
        }
    }

    /**
     * The Rekor bundle cosign keeps in {@code dev.sigstore.cosign/bundle}: the signed entry timestamp and what it
     * signs ({@code {"SignedEntryTimestamp": ..., "Payload": {"body", "integratedTime", "logIndex", "logID"}}}).
     */
    static String rekorBundle(TlogEntry e) {
        ObjectNode root = JSON.createObjectNode().put("SignedEntryTimestamp",
                java.util.Base64.getEncoder().encodeToString(e.signedEntryTimestamp()));
        root.putObject("Payload").put("body", java.util.Base64.getEncoder().encodeToString(e.canonicalizedBody()))
                .put("integratedTime", e.integratedTime()).put("logIndex", e.logIndex())
                .put("logID", java.util.HexFormat.of().formatHex(e.logId()));
        return root.toString();
    }

    /** Reads a {@code dev.sigstore.cosign/bundle} annotation. @throws IllegalArgumentException when malformed */
    static TlogEntry parseRekorBundle(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the Rekor bundle annotation is not JSON");
        }
        JsonNode p = root == null ? JSON.createObjectNode() : root.path("Payload");
        byte[] body = SigstoreBundle.base64(p.path("body"), "Rekor bundle body");
        JsonNode kv;
        try {
            kv = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the Rekor bundle's body is not JSON");
        }
        if (!p.path("integratedTime").canConvertToLong() || !p.path("logIndex").canConvertToLong()) {
            throw new IllegalArgumentException("the Rekor bundle has no integratedTime or logIndex");
        }
        byte[] logId;
        try {
            logId = java.util.HexFormat.of().parseHex(p.path("logID").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Rekor bundle's logID is not hex");
        }
        return new TlogEntry(p.path("logIndex").asLong(), logId, kv.path("kind").asText(""), kv.path("apiVersion")
                .asText(""), p.path("integratedTime").asLong(), SigstoreBundle.base64(root.path("SignedEntryTimestamp"),
                "SignedEntryTimestamp"), null, body);
    }
}
