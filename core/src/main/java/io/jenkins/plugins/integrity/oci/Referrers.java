package io.jenkins.plugins.integrity.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OCI 1.1 referrers (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers): an
 * artifact is a manifest whose {@code subject} is the image it is about, with an {@code artifactType}, the empty
 * config and one layer; a registry with the referrers API lists it under the image's digest, and for one without,
 * the referrers tag schema is kept here: an index tagged {@code sha256-<hex>} listing the image's referrers.
 */
public final class Referrers {
    public static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY = {'{', '}'};
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RegistryClient registry;

    public Referrers(RegistryClient registry) {
        this.registry = registry;
    }

    /** A referrer of an image, as its index lists it. */
    public record Referrer(Digest manifest, long size, String artifactType, Map<String, String> annotations) {
        public Referrer {
            annotations = Map.copyOf(annotations);
        }
    }

    /** The referrers tag of an image: {@code sha256-<hex>}. */
    public static String tag(Digest image) {
        return image.algorithm() + "-" + image.hex();
    }

    /**
     * Attaches {@code content} to the image as an artifact, and lists it in the referrers tag when the registry has
     * no referrers API. @return the artifact manifest's digest
     */
    public Digest attach(String repo, Digest image, String artifactType, byte[] content,
            Map<String, String> annotations) throws IOException {
        RegistryClient.Fetched subject = registry.manifest(repo, image.toString());
        Digest blob = registry.pushBlob(repo, content);
        Digest config = registry.pushBlob(repo, EMPTY);
        ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST)
                .put("artifactType", artifactType);
        m.putObject("config").put("mediaType", EMPTY_MEDIA_TYPE).put("digest", config.toString()).put("size", EMPTY.length)
                .put("data", "e30=");
        ObjectNode layer = m.putArray("layers").addObject().put("mediaType", artifactType).put("digest", blob.toString())
                .put("size", content.length);
        layer.putObject("annotations").put("org.opencontainers.image.title", blob.algorithm() + "-" + blob.hex()
                + ".sigstore.json");
        m.putObject("subject").put("mediaType", subject.mediaType() == null ? MediaTypes.OCI_MANIFEST
                : subject.mediaType()).put("digest", image.toString()).put("size", subject.bytes().length);
        ObjectNode a = m.putObject("annotations");
        new TreeMap<>(annotations).forEach(a::put);
        byte[] manifest = JSON.writeValueAsBytes(m);
        Digest digest = Digest.sha256(manifest);
        if (!registry.pushReferrer(repo, manifest, MediaTypes.OCI_MANIFEST)) {
            addToTag(repo, image, digest, manifest.length, artifactType, annotations);
        }
        return digest;
    }

    private void addToTag(String repo, Digest image, Digest manifest, long size, String artifactType,
            Map<String, String> annotations) throws IOException {
        ArrayNode manifests = JSON.createArrayNode();
        RegistryClient.Fetched existing = registry.manifestIfPresent(repo, tag(image));
        if (existing != null) {
            for (JsonNode d : JSON.readTree(existing.bytes()).path("manifests")) {
                if (!manifest.toString().equals(d.path("digest").asText())) {
                    manifests.add(d);
                }
            }
        }
        ObjectNode d = manifests.addObject().put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", manifest.toString())
                .put("size", size).put("artifactType", artifactType);
        ObjectNode a = d.putObject("annotations");
        new TreeMap<>(annotations).forEach(a::put);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        index.set("manifests", manifests);
        registry.pushManifest(repo, tag(image), JSON.writeValueAsBytes(index), MediaTypes.OCI_INDEX);
    }

    /**
     * The image's referrers of this artifact type, from the referrers API or, where the registry has none, the
     * referrers tag; none when there are none. @throws IllegalArgumentException when the index is malformed
     */
    public List<Referrer> list(String repo, Digest image, String artifactType) throws IOException {
        byte[] index = registry.referrers(repo, image);
        if (index == null) {
            RegistryClient.Fetched tagged = registry.manifestIfPresent(repo, tag(image));
            if (tagged == null) {
                return List.of();
            }
            index = tagged.bytes();
        }
        JsonNode root;
        try {
            root = JSON.readTree(index);
        } catch (IOException e) {
            throw new IllegalArgumentException("the referrers index of " + image + " is not JSON");
        }
        List<Referrer> out = new ArrayList<>();
        for (JsonNode d : root.path("manifests")) {
            if (!artifactType.equals(d.path("artifactType").asText())) {
                continue;
            }
            Map<String, String> annotations = new TreeMap<>();
            d.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
            try {
                out.add(new Referrer(Digest.parse(d.path("digest").asText(null)), d.path("size").asLong(-1),
                        artifactType, annotations));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the referrers index of " + image + " names a manifest without a"
                        + " valid digest");
            }
        }
        return out;
    }

    /**
     * The one layer of a referrer, after checking that its manifest (fetched by digest, so verified) is of the
     * artifact type and its subject is this very image; the layer is checked against its digest and size.
     * @throws IllegalArgumentException saying what does not hold
     */
    public byte[] content(String repo, Digest image, Referrer referrer, long max) throws IOException {
        JsonNode m = JSON.readTree(registry.manifest(repo, referrer.manifest().toString()).bytes());
        if (!referrer.artifactType().equals(m.path("artifactType").asText())) {
            throw new IllegalArgumentException("the referrer " + referrer.manifest() + " is of the artifact type '"
                    + m.path("artifactType").asText() + "'");
        }
        if (!image.toString().equals(m.path("subject").path("digest").asText())) {
            throw new IllegalArgumentException("the referrer " + referrer.manifest() + " is about another image ("
                    + m.path("subject").path("digest").asText("no subject") + ")");
        }
        JsonNode layers = m.path("layers");
        if (!layers.isArray() || layers.size() != 1) {
            throw new IllegalArgumentException("the referrer " + referrer.manifest() + " has not exactly one layer");
        }
        Digest digest = Digest.parse(layers.get(0).path("digest").asText(null));
        long size = layers.get(0).path("size").asLong(-1);
        if (size < 0 || size > max) {
            throw new IllegalArgumentException("the referrer " + referrer.manifest() + " has a layer of no or an"
                    + " implausible size");
        }
        try (InputStream in = new VerifyingInputStream(registry.blob(repo, digest), digest, size, "referrer layer "
                + digest)) {
            return in.readAllBytes();
        }
    }
}
