package io.jenkins.plugins.integrity.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The line-oriented package lists: pinned Python requirements, Go modules, Cargo, Bundler and Alpine. */
final class LineCatalogers {
    private LineCatalogers() {}

    private static String text(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }

    /**
     * pip requirements files pinned with {@code ==} ({@code pip freeze}); other specifiers name no version and are
     * skipped. https://pip.pypa.io/en/stable/reference/requirements-file-format/
     */
    static final class PythonRequirements implements Cataloger {
        private static final Pattern PIN = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\\[[^]]*])?\\s*===?\\s*([^\\s;#,]+)");

        @Override
        public boolean handles(String path) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            return name.matches("requirements[\\w.-]*\\.txt");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            List<Component> out = new ArrayList<>();
            for (String line : text(content).split("\\R")) {
                Matcher m = PIN.matcher(line.strip());
                if (m.find()) {
                    out.add(Components.pypi(m.group(1), m.group(2), path));
                }
            }
            return out;
        }
    }

    /** go.mod {@code require} directives (single and block form). https://go.dev/ref/mod#go-mod-file-require */
    static final class GoMod implements Cataloger {
        private static final Pattern REQUIRE = Pattern.compile("^(?:require\\s+)?([^\\s()]+)\\s+(v[^\\s/]+)(?:\\s*//.*)?$");

        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "go.mod");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            List<Component> out = new ArrayList<>();
            boolean block = false;
            for (String raw : text(content).split("\\R")) {
                String line = raw.strip();
                if (line.startsWith("require (")) {
                    block = true;
                    continue;
                }
                if (block && line.equals(")")) {
                    block = false;
                    continue;
                }
                if (block || line.startsWith("require ")) {
                    Matcher m = REQUIRE.matcher(line);
                    if (m.find()) {
                        String module = m.group(1);
                        int slash = module.lastIndexOf('/');
                        String ns = slash < 0 ? null : module.substring(0, slash);
                        String name = slash < 0 ? module : module.substring(slash + 1);
                        out.add(new Component("golang", ns, name, m.group(2), Components.purl("golang", ns, name,
                                m.group(2)), List.of(), path));
                    }
                }
            }
            return out;
        }
    }

    /** Cargo.lock {@code [[package]]} tables. https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html */
    static final class CargoLock implements Cataloger {
        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "Cargo.lock");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            List<Component> out = new ArrayList<>();
            for (String table : text(content).split("\\[\\[package]]")) {
                String name = value(table, "name");
                String version = value(table, "version");
                if (name != null && version != null && value(table, "source") != null) { // sources: not the workspace
                    out.add(new Component("cargo", null, name, version, Components.purl("cargo", null, name,
                            version), List.of(), path).withHashes(Integrity.fromHex(value(table, "checksum"))));
                }
            }
            return out;
        }

        private static String value(String table, String key) {
            Matcher m = Pattern.compile("(?m)^" + key + "\\s*=\\s*\"([^\"]*)\"").matcher(table);
            return m.find() ? m.group(1) : null;
        }
    }

    /** Gemfile.lock {@code specs:} entries (four-space indent: the gems themselves, six: their requirements). */
    static final class GemfileLock implements Cataloger {
        private static final Pattern SPEC = Pattern.compile("^ {4}([A-Za-z0-9._-]+) \\(([^)\\s]+)\\)$");

        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "Gemfile.lock");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            List<Component> out = new ArrayList<>();
            for (String line : text(content).split("\\R")) {
                Matcher m = SPEC.matcher(line);
                if (m.find()) {
                    String version = m.group(2).replaceFirst("-(?:x86_64|arm64|aarch64|java|x64)[\\w-]*$", "");
                    out.add(new Component("gem", null, m.group(1), version, Components.purl("gem", null,
                            m.group(1), version), List.of(), path));
                }
            }
            return out;
        }
    }

    /**
     * apk's installed database, lib/apk/db/installed (Alpine, Wolfi, Chainguard): P: name, V: version, A: arch,
     * L: license, o: origin (the source package).
     */
    static final class ApkInstalled implements Cataloger {
        @Override
        public boolean usesDistro() {
            return true;
        }

        @Override
        public boolean handles(String path) {
            return Cataloger.named(path, "lib/apk/db/installed");
        }

        @Override
        public List<Component> catalog(String path, byte[] content, String distro) {
            List<Component> out = new ArrayList<>();
            // the namespace is the distribution's os-release ID (wolfi, chainguard), as syft writes it
            String vendor = Components.vendor(distro, "alpine");
            for (String stanza : text(content).split("\\n\\s*\\n")) {
                String name = null;
                String version = null;
                String arch = null;
                String license = null;
                String origin = null;
                for (String line : stanza.split("\\n")) {
                    if (line.length() < 2 || line.charAt(1) != ':') {
                        continue;
                    }
                    String v = line.substring(2);
                    switch (line.charAt(0)) {
                        case 'P' -> name = v;
                        case 'V' -> version = v;
                        case 'A' -> arch = v;
                        case 'L' -> license = v;
                        case 'o' -> origin = v;
                        default -> { }
                    }
                }
                if (name != null && version != null) {
                    String purl = Components.purl("apk", vendor, name, version, Components.osQualifiers(arch, distro,
                            name, version, origin, null));
                    out.add(new Component("apk", vendor, name, version, purl,
                            license == null ? List.of() : List.of(license), path));
                }
            }
            return out;
        }
    }
}
