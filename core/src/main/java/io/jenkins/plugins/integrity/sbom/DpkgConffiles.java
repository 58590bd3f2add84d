package io.jenkins.plugins.integrity.sbom;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration files dpkg installed, with the MD5 each had as its package shipped it: the
 * {@code Conffiles:} field of each installed package in {@code var/lib/dpkg/status}
 * (https://www.debian.org/doc/debian-policy/ch-files.html#configuration-files). A file under {@code etc/}
 * whose content still has that digest is the package's default, not something the image's builder put there.
 */
final class DpkgConffiles {
    private DpkgConffiles() {}

    /** Path (relative, no leading slash) to the shipped MD5, for the installed packages' conffiles. */
    static Map<String, String> parse(byte[] status) {
        Map<String, String> out = new HashMap<>();
        for (String stanza : new String(status, StandardCharsets.UTF_8).split("\\n\\s*\\n")) {
            if (!stanza.contains("\nStatus: install ok installed") && !stanza.startsWith("Status: install ok installed")) {
                continue;
            }
            boolean in = false;
            for (String line : stanza.split("\\n")) {
                if (line.startsWith("Conffiles:")) {
                    in = true;
                } else if (in && line.startsWith(" ")) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 2 && f[0].startsWith("/") && f[1].matches("[0-9a-f]{32}")
                            && (f.length < 3 || !f[2].equals("obsolete"))) {
                        out.put(f[0].substring(1), f[1]);
                    }
                } else {
                    in = false;
                }
            }
        }
        return out;
    }
}
