package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.oci.ImageConfig;
import io.jenkins.plugins.integrity.oci.Layer;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What must not be in a build's output or its container: an SSH server (package or binary), authorized SSH
 * keys, secrets in the image's files and configuration, setuid and setgid programs, a root user, and the
 * packages the user denies. Each finding about an image names the layer that put it there.
 */
public final class ContentPolicy {
    public static final String RULE_SSH_PACKAGE = "image/ssh-server-package";
    public static final String RULE_SSH_BINARY = "image/ssh-server-binary";
    public static final String RULE_AUTHORIZED_KEYS = "image/authorized-keys";
    public static final String RULE_SETUID = "image/setuid";
    public static final String RULE_SETGID = "image/setgid";
    public static final String RULE_ROOT = "image/runs-as-root";
    public static final String RULE_DENIED = "sbom/denied-package";
    private static final Set<String> SSH_SERVER_PACKAGES = Set.of("openssh-server", "dropbear", "dropbear-bin",
            "dropbear-run", "tinysshd", "openssh-server-pam");
    private static final Set<String> OS_ECOSYSTEMS = Set.of("deb", "apk", "rpm");
    private static final Set<String> SSH_SERVER_BINARIES = Set.of("sshd", "dropbear", "tinysshd");

    private final List<DeniedPackage> denied;

    public ContentPolicy(List<String> deniedPackages) {
        List<DeniedPackage> d = new ArrayList<>();
        for (String s : deniedPackages) {
            d.add(DeniedPackage.parse(s));
        }
        this.denied = List.copyOf(d);
    }

    /**
     * A package the user denies: {@code NAME} (in any ecosystem), {@code NAME@VERSION}, or a package URL
     * without or with a version ({@code pkg:deb/debian/telnetd}, {@code pkg:npm/event-stream@3.3.6}).
     */
    record DeniedPackage(String purlPrefix, String name, String version) {
        static DeniedPackage parse(String text) {
            String t = text == null ? "" : text.trim();
            if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a denied package is NAME, NAME@VERSION or a package URL, not '"
                        + t + "'");
            }
            if (t.startsWith("pkg:")) {
                return new DeniedPackage(t.toLowerCase(Locale.ROOT), null, null);
            }
            int at = t.lastIndexOf('@');
            return at > 0 ? new DeniedPackage(null, t.substring(0, at), t.substring(at + 1)) : new DeniedPackage(null, t, null);
        }

        boolean matches(Component c) {
            if (purlPrefix != null) {
                if (c.purl() == null) {
                    return false;
                }
                String p = c.purl().toLowerCase(Locale.ROOT);
                if (!p.startsWith(purlPrefix)) {
                    return false;
                }
                char next = p.length() == purlPrefix.length() ? '@' : p.charAt(purlPrefix.length());
                return purlPrefix.contains("@") ? next == '?' || next == '#' || p.length() == purlPrefix.length()
                        : next == '@' || next == '?' || next == '#';
            }
            boolean nameMatches = c.name().equalsIgnoreCase(name)
                    || c.group() != null && (c.group() + "/" + c.name()).equalsIgnoreCase(name)
                    || c.group() != null && (c.group() + ":" + c.name()).equalsIgnoreCase(name);
            return nameMatches && (version == null || version.equals(c.version()));
        }

        @Override
        public String toString() {
            return purlPrefix != null ? purlPrefix : version == null ? name : name + "@" + version;
        }
    }

    /** The findings about a directory's SBOM: denied packages and SSH servers among its packages. */
    public List<Finding> evaluate(SbomGenerator.Sbom sbom) {
        List<Finding> out = new ArrayList<>();
        for (Component c : sbom.components()) {
            packageFindings(c, "", out);
        }
        return out;
    }

    /**
     * The findings about an image: its packages, its files (SSH servers, authorized keys, setuid and setgid
     * programs, secrets), its configuration (the user, secrets in its environment, labels and build history).
     * @param secrets scans the configuration, or null not to
     */
    public List<Finding> evaluate(ImageSbom image, SecretScanner secrets) {
        List<Finding> out = new ArrayList<>();
        for (Component c : image.sbom().components()) {
            Layer layer = image.layerOf(c);
            packageFindings(c, layer == null ? "" : ", in " + ImageSbom.describe(layer), out);
        }
        for (ImageFile f : image.files().values()) {
            fileFindings(f, image, out);
        }
        out.addAll(image.fileFindings());
        ImageConfig config = image.image().config();
        if (config.runsAsRoot()) {
            out.add(finding(RULE_ROOT, Severity.MEDIUM, "the image runs as root (its configuration sets "
                    + (config.user().isBlank() ? "no user" : "user '" + config.user() + "'") + "); set USER to an "
                    + "unprivileged account", Location.ofFile("config/User"), "root"));
        }
        if (secrets != null) {
            out.addAll(configSecrets(config, secrets));
        }
        return out;
    }

    private void packageFindings(Component c, String where, List<Finding> out) {
        String ref = c.name() + (c.version() == null ? "" : "@" + c.version());
        Location at = Location.ofFile(c.foundIn() == null || c.foundIn().isEmpty() ? "sbom" : c.foundIn());
        if (OS_ECOSYSTEMS.contains(c.ecosystem()) && SSH_SERVER_PACKAGES.contains(c.name().toLowerCase(Locale.ROOT))) {
            out.add(finding(RULE_SSH_PACKAGE, Severity.HIGH, "an SSH server is installed: the " + c.ecosystem()
                    + " package " + ref + where + "; a container is entered with docker exec, not SSH", at, c.ref()));
        }
        for (DeniedPackage d : denied) {
            if (d.matches(c)) {
                out.add(finding(RULE_DENIED, Severity.HIGH, "the package " + ref + " (" + c.ref() + ") is denied by '"
                        + d + "'" + where, at, c.ref()));
                break;
            }
        }
    }

    private static void fileFindings(ImageFile f, ImageSbom image, List<Finding> out) {
        if (f.kind() != ImageFile.Kind.FILE && f.kind() != ImageFile.Kind.HARDLINK) {
            return;
        }
        String where = ", in " + ImageSbom.describe(image.image().layers().get(f.layer()));
        Location at = Location.ofFile(f.path());
        if (SSH_SERVER_BINARIES.contains(f.name()) && f.isExecutable()) {
            out.add(finding(RULE_SSH_BINARY, Severity.HIGH, "an SSH server program is in the image" + where, at,
                    f.path()));
        }
        if ((f.name().equals("authorized_keys") || f.name().equals("authorized_keys2")) && f.size() > 0) {
            out.add(finding(RULE_AUTHORIZED_KEYS, Severity.HIGH, "an authorized_keys file lets whoever holds its keys "
                    + "log in" + where, at, f.path()));
        }
        if (f.isSetuid()) {
            out.add(finding(RULE_SETUID, Severity.LOW, "a setuid program (owner uid " + f.uid() + ", mode "
                    + Integer.toOctalString(f.mode()) + ")" + where, at, f.path()));
        }
        if (f.isSetgid()) {
            out.add(finding(RULE_SETGID, Severity.LOW, "a setgid program (mode " + Integer.toOctalString(f.mode()) + ")"
                    + where, at, f.path()));
        }
    }

    /** Secrets in the configuration: each environment variable, label and build step is scanned on its own. */
    private static List<Finding> configSecrets(ImageConfig config, SecretScanner secrets) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < config.env().size(); i++) {
            scan(secrets, ".env", config.env().get(i), "config/Env/" + i, out);
        }
        for (Map.Entry<String, String> l : new java.util.TreeMap<>(config.labels()).entrySet()) {
            scan(secrets, ".env", l.getKey() + "=" + l.getValue(), "config/Labels/" + l.getKey(), out);
        }
        for (int h = 0; h < config.history().size(); h++) {
            scan(secrets, "Dockerfile", config.history().get(h).createdBy(), "history/" + h + "/created_by", out);
        }
        List<String> run = new ArrayList<>(config.entrypoint());
        run.addAll(config.cmd());
        if (!run.isEmpty()) {
            scan(secrets, "entrypoint.sh", String.join(" ", run), "config/Cmd", out);
        }
        return out;
    }

    private static void scan(SecretScanner secrets, String asFile, String text, String where, List<Finding> out) {
        for (Finding f : secrets.findingsIn(asFile, text)) {
            out.add(new Finding(f.rule(), f.severity(), f.message() + ", in the image configuration",
                    Location.ofFile(where), Digests.sha256Hex("image-config", f.fingerprint(), where)));
        }
    }

    private static Finding finding(String rule, Severity severity, String message, Location at, String key) {
        return new Finding(rule, severity, message, at, Digests.sha256Hex(rule, key));
    }
}
