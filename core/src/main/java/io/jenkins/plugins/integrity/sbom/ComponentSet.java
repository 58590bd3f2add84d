package io.jenkins.plugins.integrity.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The components of one SBOM, each once by {@link Component#ref()}: the first file that names a package
 * decides where it was found; digests and dependencies that later files give (a lockfile after an installed
 * package.json) are added to it.
 */
final class ComponentSet {
    private final Map<String, Component> byRef = new LinkedHashMap<>();

    /** @return whether the component was new */
    boolean add(Component c) {
        Component existing = byRef.get(c.ref());
        if (existing == null) {
            byRef.put(c.ref(), c);
            return true;
        }
        Component merged = existing;
        if (!c.hashes().isEmpty() && !existing.hashes().keySet().containsAll(c.hashes().keySet())) {
            Map<String, String> hashes = new TreeMap<>(c.hashes());
            hashes.putAll(existing.hashes());
            merged = merged.withHashes(hashes);
        }
        if (existing.dependsOn().isEmpty() && !c.dependsOn().isEmpty()) {
            merged = merged.withDependencies(c.dependsOn());
        }
        byRef.put(c.ref(), merged);
        return false;
    }

    List<Component> components() {
        return new ArrayList<>(byRef.values());
    }
}
