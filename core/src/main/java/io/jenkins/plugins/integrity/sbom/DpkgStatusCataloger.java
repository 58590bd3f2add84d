package io.jenkins.plugins.integrity.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian packages installed in a root file system: {@code var/lib/dpkg/status} and the one-file-per-package
 * {@code var/lib/dpkg/status.d/} of distroless images. Only packages whose status is "install ok installed"
 * count. The package URL names the distro from etc/os-release: https://github.com/package-url/purl-spec
 */
final class DpkgStatusCataloger implements Cataloger {
    @Override
    public boolean usesDistro() {
        return true;
    }

    @Override
    public boolean handles(String path) {
        return Cataloger.named(path, "var/lib/dpkg/status")
                || path.matches("(?:.*/)?var/lib/dpkg/status\\.d/[^/]+");
    }

    @Override
    public List<Component> catalog(String path, byte[] content, String distro) {
        List<Component> out = new ArrayList<>();
        boolean statusD = path.contains("status.d/");
        for (String stanza : new String(content, StandardCharsets.UTF_8).split("\\n\\s*\\n")) {
            Map<String, String> f = fields(stanza);
            String name = f.get("Package");
            String version = f.get("Version");
            if (name == null || version == null) {
                continue;
            }
            String status = f.get("Status");
            if (!statusD && (status == null || !status.endsWith("installed") || status.contains("not-installed"))) {
                continue;
            }
            String vendor = Components.vendor(distro, "debian");
            // "Source: openssl" or, when the source's version differs, "Source: openssl (3.0.11-1)"
            String source = f.get("Source");
            String sourceVersion = null;
            if (source != null && source.contains("(") && source.endsWith(")")) {
                sourceVersion = source.substring(source.indexOf('(') + 1, source.length() - 1).trim();
                source = source.substring(0, source.indexOf('(')).trim();
            }
            String purl = Components.purl("deb", vendor, name, version,
                    Components.osQualifiers(f.get("Architecture"), distro, name, version, source, sourceVersion));
            out.add(new Component("deb", vendor, name, version, purl, List.of(), path));
        }
        return out;
    }

    /** RFC 822-style fields; continuation lines (starting with a space) belong to the field before. */
    private static Map<String, String> fields(String stanza) {
        Map<String, String> f = new HashMap<>();
        String last = null;
        for (String line : stanza.split("\\n")) {
            if (line.startsWith(" ") || line.startsWith("\\t")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                last = line.substring(0, colon).trim();
                f.put(last, line.substring(colon + 1).trim());
            }
        }
        return f;
    }
}
