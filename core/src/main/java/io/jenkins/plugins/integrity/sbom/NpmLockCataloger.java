package io.jenkins.plugins.integrity.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * npm {@code package-lock.json} (and {@code npm-shrinkwrap.json}): lockfile v2/v3 {@code packages} (keyed by
 * {@code node_modules/...} path) and v1 nested {@code dependencies}.
 * https://docs.npmjs.com/cli/configuring-npm/package-lock-json
 */
final class NpmLockCataloger implements Cataloger {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean handles(String path) {
        return path.endsWith("package-lock.json") || path.endsWith("npm-shrinkwrap.json");
    }

    @Override
    public List<Component> catalog(String path, byte[] content, String distro) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a package-lock object");
        }
        List<Component> out = new ArrayList<>();
        JsonNode packages = root.path("packages");
        if (packages.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                int at = key.lastIndexOf("node_modules/");
                if (key.isEmpty() || at < 0 || e.getValue().path("link").asBoolean(false)) {
                    continue; // the root project, a workspace folder, or a link to one
                }
                String name = e.getValue().path("name").asText(key.substring(at + "node_modules/".length()));
                add(out, name, e.getValue(), path);
            }
        } else {
            walkV1(root.path("dependencies"), path, out);
        }
        return out;
    }

    private static void walkV1(JsonNode deps, String path, List<Component> out) {
        if (!deps.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            add(out, e.getKey(), e.getValue(), path);
            walkV1(e.getValue().path("dependencies"), path, out);
        }
    }

    private static void add(List<Component> out, String name, JsonNode pkg, String path) {
        String version = pkg.path("version").asText(null);
        if (version == null || version.startsWith("file:") || version.startsWith("link:")) {
            return;
        }
        String license = pkg.path("license").isTextual() ? pkg.path("license").asText() : null;
        out.add(Components.npm(name, version, license == null ? List.of() : List.of(license), path));
    }
}
