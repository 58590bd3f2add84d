package io.jenkins.plugins.integrity.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI content descriptor: what a manifest says about a blob (its media type, digest and size, and for an
 * index entry the platform and annotations). https://github.com/opencontainers/image-spec/blob/main/descriptor.md
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform, Map<String, String> annotations) {
    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** @throws IllegalArgumentException when a field is missing or of the wrong type */
    static Descriptor parse(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + " is not a descriptor object");
        }
        JsonNode digest = node.get("digest");
        JsonNode size = node.get("size");
        if (digest == null || !digest.isTextual()) {
            throw new IllegalArgumentException(where + " has no digest");
        }
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw new IllegalArgumentException(where + " has no valid size");
        }
        JsonNode mt = node.get("mediaType");
        Map<String, String> annotations = new TreeMap<>();
        JsonNode a = node.get("annotations");
        if (a != null && a.isObject()) {
            a.fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        }
        Digest d;
        try {
            d = Digest.parse(digest.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        return new Descriptor(mt != null && mt.isTextual() ? mt.asText() : null, d, size.asLong(),
                Platform.parse(node.get("platform")), annotations);
    }
}
