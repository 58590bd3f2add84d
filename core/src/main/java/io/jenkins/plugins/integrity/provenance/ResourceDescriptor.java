package io.jenkins.plugins.integrity.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-toto ResourceDescriptor (https://github.com/in-toto/attestation/blob/main/spec/v1/resource_descriptor.md):
 * an artifact by name and/or URI with its digests (algorithm to lowercase hex), and optionally its media type.
 * Fields that are null are left out.
 */
public record ResourceDescriptor(String name, String uri, Map<String, String> digest, String mediaType) {
    public ResourceDescriptor {
        digest = digest == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(digest));
        if ((name == null || name.isEmpty()) && (uri == null || uri.isEmpty()) && digest.isEmpty()) {
            throw new IllegalArgumentException("a resource needs a name, a URI or a digest");
        }
    }

    public static ResourceDescriptor file(String name, String sha256) {
        return new ResourceDescriptor(name, null, Map.of("sha256", sha256), null);
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        if (name != null) {
            n.put("name", name);
        }
        if (uri != null) {
            n.put("uri", uri);
        }
        if (!digest.isEmpty()) {
            ObjectNode d = n.putObject("digest");
            digest.forEach(d::put);
        }
        if (mediaType != null) {
            n.put("mediaType", mediaType);
        }
        return n;
    }
}
