package io.jenkins.plugins.integrity.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * npm {@code package-lock.json} (and {@code npm-shrinkwrap.json}): lockfile v2/v3 {@code packages} (keyed by
 * {@code node_modules/...} path) and v1 nested {@code dependencies}.
 * https://docs.npmjs.com/cli/configuring-npm/package-lock-json
 */
final class NpmLockCataloger implements Cataloger {

    @Override
    public boolean handles(String path) {
        return path.endsWith("package-lock.json") || path.endsWith("npm-shrinkwrap.json");
    }

    @Override
    public List<Component> catalog(String path, byte[] content, String distro) {
        JsonNode root = LockfileCatalogers.json(content, "package-lock object");
        List<Component> out = new ArrayList<>();
        JsonNode packages = root.path("packages");
        if (packages.isObject()) {
            Map<String, Component> byPath = new LinkedHashMap<>();
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                int at = key.lastIndexOf("node_modules/");
                if (key.isEmpty() || at < 0 || e.getValue().path("link").asBoolean(false)) {
                    continue; // the root project, a workspace folder, or a link to one
                }
                String name = e.getValue().path("name").asText(key.substring(at + "node_modules/".length()));
                Component c = component(name, e.getValue(), path);
                if (c != null) {
                    byPath.put(key, c);
                    entries.put(key, e.getValue());
                }
            }
            // each dependency is the package Node's resolution finds: the nearest node_modules folder up the tree
            for (Map.Entry<String, Component> e : byPath.entrySet()) {
                List<String> refs = new ArrayList<>();
                JsonNode pkg = entries.get(e.getKey());
                for (String field : List.of("dependencies", "optionalDependencies")) {
                    for (Iterator<String> names = pkg.path(field).fieldNames(); names.hasNext();) {
                        Component dep = resolve(byPath, e.getKey(), names.next());
                        if (dep != null && !refs.contains(dep.ref())) {
                            refs.add(dep.ref());
                        }
                    }
                }
                out.add(e.getValue().withDependencies(refs));
            }
        } else {
            walkV1(root.path("dependencies"), path, out);
        }
        return out;
    }

    private static Component resolve(Map<String, Component> byPath, String from, String name) {
        String base = from;
        while (true) {
            Component c = byPath.get((base.isEmpty() ? "" : base + "/") + "node_modules/" + name);
            if (c != null || base.isEmpty()) {
                return c;
            }
            int i = base.lastIndexOf("/node_modules/");
            base = i < 0 ? "" : base.substring(0, i);
        }
    }

    private static void walkV1(JsonNode deps, String path, List<Component> out) {
        if (!deps.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Component c = component(e.getKey(), e.getValue(), path);
            if (c != null) {
                out.add(c);
            }
            walkV1(e.getValue().path("dependencies"), path, out);
        }
    }

    /** The package, with the digest of its tarball from {@code integrity}; null for a local folder or link. */
    private static Component component(String name, JsonNode pkg, String path) {
        String version = pkg.path("version").asText(null);
        if (version == null || version.startsWith("file:") || version.startsWith("link:")) {
            return null;
        }
        String license = pkg.path("license").isTextual() ? pkg.path("license").asText() : null;
        return Components.npm(name, version, license == null ? List.of() : List.of(license), path)
                .withHashes(Integrity.fromSri(pkg.path("integrity").asText(null)));
    }
}
