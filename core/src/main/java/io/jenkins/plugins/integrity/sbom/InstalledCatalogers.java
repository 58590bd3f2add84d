package io.jenkins.plugins.integrity.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Packages as installed, where no lockfile is left (images, above all): npm's {@code node_modules/NAME/package.json}
 * and Python's {@code *.dist-info/METADATA} and {@code *.egg-info/PKG-INFO}.
 */
final class InstalledCatalogers {
    private InstalledCatalogers() {}

    /**
     * {@code node_modules/NAME/package.json} and {@code node_modules/@SCOPE/NAME/package.json}: the package
     * npm installed there (https://docs.npmjs.com/cli/configuring-npm/package-json). Other package.json files
     * (a package's test fixtures, the project's own) are not installed packages and are not read.
     */
    static final class NodeModules implements Cataloger {
        private static final Pattern INSTALLED = Pattern.compile("(?:^|.*/)node_modules/(?:@[^/]+/)?[^/@.][^/]*/package\\.json");

        @Override
        public boolean handles(String path) {
            return path.endsWith("/package.json") && INSTALLED.matcher(path).matches();
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            JsonNode root = LockfileCatalogers.json(content, "package.json object");
            String name = root.path("name").asText("");
            String version = root.path("version").asText("");
            if (name.isEmpty() || version.isEmpty()) {
                return List.of();
            }
            return List.of(Components.npm(name, version, licenses(root.get("license")), path));
        }

        /** {@code "license": "MIT"}, or the older {@code {"type": "MIT"}}. */
        private static List<String> licenses(JsonNode license) {
            if (license == null) {
                return List.of();
            }
            String l = license.isTextual() ? license.asText() : license.path("type").asText("");
            return l.isBlank() ? List.of() : List.of(l);
        }
    }

    /**
     * Installed Python distributions: the core metadata of {@code NAME-VERSION.dist-info/METADATA} (wheels, pip)
     * and {@code *.egg-info/PKG-INFO} (setuptools), RFC 822 headers whose {@code Name} and {@code Version}
     * name the package and whose {@code License-Expression}, {@code License} or license classifiers its
     * license. https://packaging.python.org/en/latest/specifications/core-metadata/
     */
    static final class PythonInstalled implements Cataloger {
        @Override
        public boolean handles(String path) {
            return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            String name = null;
            String version = null;
            List<String> licenses = new ArrayList<>();
            for (String line : new String(content, StandardCharsets.UTF_8).split("\\R")) {
                if (line.isEmpty()) {
                    break; // the headers end at the first empty line; the description follows
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                    continue;
                }
                String key = line.substring(0, colon);
                String value = line.substring(colon + 1).trim();
                switch (key) {
                    case "Name" -> name = value;
                    case "Version" -> version = value;
                    case "License-Expression" -> licenses.add(0, value);
                    case "License" -> {
                        if (licenses.isEmpty() && !value.isEmpty() && !value.equalsIgnoreCase("UNKNOWN")
                                && value.length() < 100) {
                            licenses.add(value);
                        }
                    }
                    case "Classifier" -> {
                        if (licenses.isEmpty() && value.startsWith("License :: ")) {
                            licenses.add(value.substring(value.lastIndexOf("::") + 2).trim());
                        }
                    }
                    default -> { }
                }
            }
            if (name == null || version == null) {
                throw new IllegalArgumentException("core metadata without a Name and Version");
            }
            Component c = Components.pypi(name, version, path);
            return List.of(new Component(c.ecosystem(), c.group(), c.name(), c.version(), c.purl(),
                    licenses.isEmpty() ? List.of() : List.of(licenses.get(0)), path));
        }
    }
}
