package io.jenkins.plugins.integrity.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.integrity.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A release manager's policy (YAML, documented in docs/policy.md): which builders may have built a release, from
 * which source repositories and refs, whether provenance and an SBOM are required, which packages are denied,
 * whether the build's commits must have verified, and the worst secret finding allowed.
 *
 * @param maxSecretSeverity null when secrets are not judged
 */
public record ReleasePolicy(List<String> builders, List<String> sourceRepositories, List<String> sourceRefs,
        boolean requireProvenance, boolean requireSbom, List<String> denyPackages, boolean requireVerifiedCommits,
        Severity maxSecretSeverity) {
    private static final Set<String> KEYS = Set.of("builders", "sourceRepositories", "sourceRefs", "requireProvenance",
            "requireSbom", "denyPackages", "requireVerifiedCommits", "maxSecretSeverity");

    public ReleasePolicy {
        builders = List.copyOf(builders);
        sourceRepositories = List.copyOf(sourceRepositories);
        sourceRefs = List.copyOf(sourceRefs);
        denyPackages = List.copyOf(denyPackages);
    }

    /** @throws IllegalArgumentException naming the key that is unknown or of the wrong type */
    public static ReleasePolicy parse(byte[] yaml) {
        JsonNode root = io.jenkins.plugins.integrity.check.YamlMapping.read(yaml, "a policy", KEYS);
        Severity max = null;
        if (root.hasNonNull("maxSecretSeverity")) {
            max = Severity.parse(root.get("maxSecretSeverity").asText());
        }
        boolean requireProvenance = bool(root, "requireProvenance", true);
        ReleasePolicy p = new ReleasePolicy(strings(root, "builders"), strings(root, "sourceRepositories"),
                strings(root, "sourceRefs"), requireProvenance, bool(root, "requireSbom", false),
                strings(root, "denyPackages"), bool(root, "requireVerifiedCommits", false), max);
        if (!requireProvenance && (!p.builders.isEmpty() || !p.sourceRepositories.isEmpty() || !p.sourceRefs.isEmpty()
                || p.requireVerifiedCommits || max != null)) {
            throw new IllegalArgumentException("builders, sources, commits and secrets are judged from the provenance:"
                    + " requireProvenance cannot be false with them");
        }
        return p;
    }

    private static boolean bool(JsonNode root, String key, boolean dflt) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' is not true or false");
        }
        return n.asBoolean();
    }

    private static List<String> strings(JsonNode root, String key) {
        JsonNode n = root.get(key);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException("'" + key + "' is not a list");
        }
        for (JsonNode v : n) {
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new IllegalArgumentException("'" + key + "' holds something that is not a text");
            }
            out.add(v.asText().strip());
        }
        return out;
    }
}
