package io.jenkins.plugins.integrity.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** More lockfiles: yarn v1, Poetry, Pipenv, Gradle and NuGet. */
final class LockfileCatalogers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LockfileCatalogers() {}

    /**
     * yarn.lock v1 ({@code "name@range", "name@range2":} headers with an indented {@code version "x"}) and
     * yarn berry (v2+, YAML: {@code "name@npm:range":} with {@code version: x}).
     */
    static final class YarnLock implements Cataloger {
        private static final Pattern VERSION = Pattern.compile("^\\s+version:?\\s+\"?([^\"\\s]+)\"?");

        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "yarn.lock");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            List<Component> out = new ArrayList<>();
            String name = null;
            for (String line : new String(content, StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#") && line.endsWith(":")) {
                    String first = line.substring(0, line.length() - 1).split(",", -1)[0].trim().replace("\"", "");
                    // yarn berry names the protocol: name@npm:range; the project's own workspaces, links
                    // and patched copies are not packages from a registry
                    boolean local = first.contains("@workspace:") || first.contains("@link:")
                            || first.contains("@portal:") || first.contains("@file:") || first.contains("@patch:");
                    int at = first.indexOf("@npm:") > 0 ? first.indexOf("@npm:") : first.lastIndexOf('@');
                    name = at > 0 && !local ? first.substring(0, at) : null;
                    continue;
                }
                Matcher m = VERSION.matcher(line);
                if (name != null && m.find()) {
                    out.add(Components.npm(name, m.group(1), List.of(), path));
                    name = null;
                }
            }
            return out;
        }
    }

    /** poetry.lock {@code [[package]]} (TOML). */
    static final class PoetryLock implements Cataloger {
        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "poetry.lock");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            JsonNode root = toml(content);
            List<Component> out = new ArrayList<>();
            for (JsonNode p : root.path("package")) {
                if (p.path("name").isTextual() && p.path("version").isTextual()) {
                    out.add(Components.pypi(p.get("name").asText(), p.get("version").asText(), path));
                }
            }
            return out;
        }
    }

    /** Pipfile.lock {@code default} and {@code develop} sections, versions "==x". */
    static final class PipfileLock implements Cataloger {
        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "Pipfile.lock");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            JsonNode root = json(content);
            List<Component> out = new ArrayList<>();
            for (String section : List.of("default", "develop")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = root.path(section).fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String v = e.getValue().path("version").asText("");
                    if (v.startsWith("==")) {
                        out.add(Components.pypi(e.getKey(), v.substring(2), path));
                    }
                }
            }
            return out;
        }
    }

    /** gradle.lockfile lines {@code group:artifact:version=configurations}. */
    static final class GradleLockfile implements Cataloger {
        @Override
        public boolean handles(String path) {
            return path.endsWith("gradle.lockfile");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            List<Component> out = new ArrayList<>();
            for (String line : new String(content, StandardCharsets.UTF_8).split("\\R")) {
                if (line.startsWith("#") || !line.contains("=")) {
                    continue;
                }
                String[] gav = line.substring(0, line.indexOf('=')).split(":");
                if (gav.length == 3) {
                    out.add(new Component("maven", gav[0], gav[1], gav[2], Components.purl("maven", gav[0],
                            gav[1], gav[2]), List.of(), path));
                }
            }
            return out;
        }
    }

    /** NuGet packages.lock.json: {@code dependencies} per target framework, {@code resolved} versions. */
    static final class NugetLock implements Cataloger {
        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "packages.lock.json");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            JsonNode root = json(content);
            List<Component> out = new ArrayList<>();
            for (Iterator<JsonNode> frameworks = root.path("dependencies").elements(); frameworks.hasNext();) {
                for (Iterator<Map.Entry<String, JsonNode>> it = frameworks.next().fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String v = e.getValue().path("resolved").asText(null);
                    if (v != null && !"Project".equals(e.getValue().path("type").asText())) {
                        out.add(new Component("nuget", null, e.getKey(), v, Components.purl("nuget", null,
                                e.getKey(), v), List.of(), path).withHashes(
                                        Integrity.sha512(e.getValue().path("contentHash").asText(""))));
                    }
                }
            }
            return out;
        }
    }

    /** A TOML lockfile (poetry.lock, uv.lock) as a tree. */
    static JsonNode toml(byte[] content) {
        try {
            return new TomlMapper().readTree(content);
        } catch (IOException e) {
            throw new IllegalArgumentException("not TOML");
        }
    }

    /** A JSON lockfile as a tree, refused unless it is one JSON object. */
    static JsonNode json(byte[] content) {
        return json(content, "JSON object");
    }

    /** The same, with the refusal naming what the object should have been ("not a package-lock object"). */
    static JsonNode json(byte[] content, String what) {
        JsonNode root = jsonValue(content);
        if (!root.isObject()) {
            throw new IllegalArgumentException("not a " + what);
        }
        return root;
    }

    /** A JSON file as a tree, whatever value it holds (a missing node for an empty file); refused when not JSON. */
    static JsonNode jsonValue(byte[] content) {
        try {
            JsonNode root = JSON.readTree(content);
            return root == null ? MissingNode.getInstance() : root;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
    }
}
