package io.jenkins.plugins.integrity.sbom;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One thing a project or image contains: a package with its package URL, version and declared licenses,
 * the ecosystem that named it and the file where it was found; the digests the file gives for it
 * ({@code SHA-256}, {@code SHA-512}, {@code SHA-1}, as hex, keyed as CycloneDX names the algorithms), and the
 * {@link #ref() refs} of the components it depends on, where the file says.
 */
public record Component(String ecosystem, String group, String name, String version, String purl,
        List<String> licenses, String foundIn, Map<String, String> hashes, List<String> dependsOn) {
    public Component {
        Objects.requireNonNull(name, "name");
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        hashes = hashes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(hashes));
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    public Component(String ecosystem, String group, String name, String version, String purl, List<String> licenses,
            String foundIn) {
        this(ecosystem, group, name, version, purl, licenses, foundIn, Map.of(), List.of());
    }

    /** What identifies the component in an SBOM: its package URL, else ecosystem, group, name and version. */
    public String ref() {
        return purl != null ? purl : ecosystem + ":" + group + ":" + name + "@" + version;
    }

    /** The same component with these digests. */
    public Component withHashes(Map<String, String> digests) {
        return new Component(ecosystem, group, name, version, purl, licenses, foundIn, digests, dependsOn);
    }

    /** The same component with these dependencies (refs). */
    public Component withDependencies(List<String> refs) {
        return new Component(ecosystem, group, name, version, purl, licenses, foundIn, hashes, refs);
    }
}
