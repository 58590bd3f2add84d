package io.jenkins.plugins.integrity.sbom;

import java.util.List;
import java.util.Objects;

/**
 * One thing a project or image contains: a package with its package URL, version and declared licenses,
 * the ecosystem that named it and the file where it was found.
 */
public record Component(String ecosystem, String group, String name, String version, String purl,
        List<String> licenses, String foundIn) {
    public Component {
        Objects.requireNonNull(name, "name");
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
    }

    /** What identifies the component in an SBOM: its package URL, else ecosystem, group, name and version. */
    public String ref() {
        return purl != null ? purl : ecosystem + ":" + group + ":" + name + "@" + version;
    }
}
