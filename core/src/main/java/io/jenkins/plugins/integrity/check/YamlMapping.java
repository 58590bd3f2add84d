package io.jenkins.plugins.integrity.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Set;

/** A small YAML configuration document (a policy): a mapping whose keys are all known ones. */
public final class YamlMapping {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlMapping() {}

    /**
     * @param what what the document is, for the errors ("a policy")
     * @throws IllegalArgumentException when it is not YAML, not a mapping, or has a key not among the known ones
     */
    public static JsonNode read(byte[] yaml, String what, Set<String> keys) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("not YAML");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not " + what + " (a YAML mapping)");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' (known: " + String.join(", ",
                        keys.stream().sorted().toList()) + ")");
            }
        });
        return root;
    }
}
