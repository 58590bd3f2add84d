package io.jenkins.plugins.integrity.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PHP's {@code composer.lock} (https://getcomposer.org/doc/01-basic-usage.md#installing-with-composer-lock)
 * and {@code vendor/composer/installed.json}, what Composer installed (in an image often the only record left:
 * Composer 2's object of {@code packages}, or Composer 1's list): every package of {@code packages} and
 * {@code packages-dev}, named {@code vendor/package} (the package URL's
 * namespace and name, https://github.com/package-url/purl-spec), at the version Composer locked (as it spells
 * it: {@code v5.4.0}, {@code 1.2.3}, {@code dev-main}), with its licenses, its dist archive's SHA-1 where
 * Composer recorded one, and its {@code require}s that the lock holds as dependencies.
 */
final class ComposerLockCataloger implements Cataloger {
    private static final String INSTALLED = "vendor/composer/installed.json";

    @Override
    public boolean handles(String path) {
        return Cataloger.named(path, "composer.lock") || Cataloger.named(path, INSTALLED);
    }

    @Override
    public List<Component> catalog(String path, byte[] content, String distro) {
        List<JsonNode> packages = new ArrayList<>();
        JsonNode root;
        if (Cataloger.named(path, INSTALLED)) {
            root = LockfileCatalogers.jsonValue(content);
            if (root.isArray()) { // Composer 1
                root.forEach(packages::add);
                root = MissingNode.getInstance();
            } else if (!root.isObject()) {
                throw new IllegalArgumentException("not Composer's installed.json (neither an object nor a list)");
            }
        } else {
            root = LockfileCatalogers.json(content);
        }
        for (String section : List.of("packages", "packages-dev")) {
            JsonNode list = root.get(section);
            if (list == null || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                throw new IllegalArgumentException("'" + section + "' is not an array");
            }
            list.forEach(packages::add);
        }
        Map<String, String> refs = new HashMap<>();
        List<Component> found = new ArrayList<>();
        List<JsonNode> entries = new ArrayList<>(); // the lock entry each component was made of
        for (JsonNode p : packages) {
            String full = p.path("name").asText("");
            String version = p.path("version").asText("");
            if (full.isEmpty() || version.isEmpty()) {
                continue;
            }
            int slash = full.indexOf('/');
            String vendor = slash > 0 ? full.substring(0, slash) : null;
            String name = slash > 0 ? full.substring(slash + 1) : full;
            List<String> licenses = new ArrayList<>();
            p.path("license").forEach(l -> {
                if (l.isTextual()) {
                    licenses.add(l.asText());
                }
            });
            Component c = new Component("composer", vendor, name, version,
                    Components.purl("composer", vendor, name, version), licenses, path)
                    .withHashes(Integrity.fromHex(p.path("dist").path("shasum").asText("")));
            refs.putIfAbsent(full.toLowerCase(Locale.ROOT), c.ref());
            found.add(c);
            entries.add(p);
        }
        List<Component> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            List<String> deps = new ArrayList<>();
            for (Iterator<String> it = entries.get(i).path("require").fieldNames(); it.hasNext();) {
                String ref = refs.get(it.next().toLowerCase(Locale.ROOT)); // php and ext-* are not packages
                if (ref != null && !deps.contains(ref)) {
                    deps.add(ref);
                }
            }
            out.add(deps.isEmpty() ? found.get(i) : found.get(i).withDependencies(deps));
        }
        return out;
    }
}
