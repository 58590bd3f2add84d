package io.jenkins.plugins.integrity.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** pnpm-lock.yaml, uv.lock and Gradle's dependency verification metadata. */
final class MoreLockfiles {
    private MoreLockfiles() {}

    /**
     * pnpm-lock.yaml {@code packages}: keys {@code /name/1.2.3} (lockfile v5), {@code /name@1.2.3} (v6) or
     * {@code name@1.2.3} (v9), with peer-dependency suffixes ({@code (react@18.3.1)}, {@code _react@18.3.1})
     * dropped; the tarball's {@code resolution.integrity} is its digest. https://pnpm.io/git#lockfiles
     */
    static final class PnpmLock implements Cataloger {
        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "pnpm-lock.yaml");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            JsonNode root;
            try {
                root = YAMLMapper.builder().build().readTree(content);
            } catch (IOException e) {
                throw new IllegalArgumentException("not YAML");
            }
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a pnpm lockfile");
            }
            boolean v5 = root.path("lockfileVersion").asText("").startsWith("5");
            List<Component> out = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("packages").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey().startsWith("/") ? e.getKey().substring(1) : e.getKey();
                int paren = key.indexOf('(');
                if (paren > 0) {
                    key = key.substring(0, paren);
                }
                String name;
                String version;
                if (v5) {
                    int slash = key.lastIndexOf('/');
                    if (slash <= 0) {
                        continue;
                    }
                    name = key.substring(0, slash);
                    version = key.substring(slash + 1).split("_")[0];
                } else {
                    int at = key.lastIndexOf('@');
                    if (at <= 0) {
                        continue;
                    }
                    name = key.substring(0, at);
                    version = key.substring(at + 1);
                }
                if (version.isEmpty() || !Character.isDigit(version.charAt(0))) {
                    continue; // link:, file: and git sources are not registry packages
                }
                out.add(Components.npm(name, version, List.of(), path)
                        .withHashes(Integrity.fromSri(e.getValue().path("resolution").path("integrity").asText(null))));
            }
            return out;
        }
    }

    /**
     * uv.lock {@code [[package]]} (TOML) from a registry; the project itself and editable or virtual
     * packages (its workspace members) are not dependencies. https://docs.astral.sh/uv/concepts/projects/layout/
     */
    static final class UvLock implements Cataloger {
        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "uv.lock");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            JsonNode root = LockfileCatalogers.toml(content);
            List<Component> out = new ArrayList<>();
            for (JsonNode p : root.path("package")) {
                JsonNode source = p.path("source");
                boolean local = source.has("editable") || source.has("virtual") || source.has("directory");
                if (!local && p.path("name").isTextual() && p.path("version").isTextual()) {
                    out.add(Components.pypi(p.get("name").asText(), p.get("version").asText(), path));
                }
            }
            return out;
        }
    }

    /**
     * Gradle's {@code gradle/verification-metadata.xml}: every {@code <component group name version>} with
     * the SHA-256 (else SHA-512, SHA-1) of its jar. https://docs.gradle.org/current/userguide/dependency_verification.html
     */
    static final class GradleVerificationMetadata implements Cataloger {
        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "verification-metadata.xml");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            NodeList components = MavenPomCataloger.parse(content).getElementsByTagName("component");
            List<Component> out = new ArrayList<>();
            for (int i = 0; i < components.getLength(); i++) {
                Element c = (Element) components.item(i);
                String g = c.getAttribute("group");
                String a = c.getAttribute("name");
                String v = c.getAttribute("version");
                if (a.isEmpty() || v.isEmpty()) {
                    continue;
                }
                out.add(new Component("maven", g, a, v, Components.purl("maven", g, a, v), List.of(), path)
                        .withHashes(jarDigest(c, a + "-" + v + ".jar")));
            }
            return out;
        }

        private static Map<String, String> jarDigest(Element component, String jar) {
            NodeList artifacts = component.getElementsByTagName("artifact");
            for (int i = 0; i < artifacts.getLength(); i++) {
                Element artifact = (Element) artifacts.item(i);
                if (!artifact.getAttribute("name").equals(jar)) {
                    continue;
                }
                for (String alg : List.of("sha256", "sha512", "sha1")) {
                    NodeList d = artifact.getElementsByTagName(alg);
                    if (d.getLength() > 0) {
                        Map<String, String> h = Integrity.fromHex(((Element) d.item(0)).getAttribute("value"));
                        if (!h.isEmpty()) {
                            return h;
                        }
                    }
                }
            }
            return Map.of();
        }
    }
}
