package io.jenkins.plugins.integrity.sbom;

import java.util.List;

/**
 * Which of an image's files are scanned for secrets: text files up to {@value #MAX_SIZE} bytes outside the
 * trees that package managers own (binaries, libraries, documentation, package caches, third-party modules),
 * where a credential baked into the image ends up: {@code etc/}, home directories, {@code root/}, the
 * application's own directories.
 */
final class ImageSecretScope {
    static final long MAX_SIZE = 512 * 1024;
    private static final int PROBE = 8000;
    private static final List<String> SKIPPED_TREES = List.of("usr/share/", "usr/lib/", "usr/lib64/", "usr/libexec/",
            "usr/include/", "usr/bin/", "usr/sbin/", "usr/src/", "lib/", "lib64/", "lib32/", "bin/", "sbin/",
            "var/lib/dpkg/", "var/lib/apt/", "var/lib/rpm/", "var/cache/", "var/log/", "proc/", "sys/", "dev/",
            "etc/ssl/certs/", "etc/ca-certificates/", "etc/pki/ca-trust/", "usr/local/lib/", "usr/local/include/",
            "usr/local/share/");
    private static final List<String> SKIPPED_DIRS = List.of("/node_modules/", "/site-packages/", "/dist-packages/",
            "/.git/", "/__pycache__/");

    private ImageSecretScope() {}

    static boolean scans(String path, long size) {
        if (size <= 0 || size > MAX_SIZE) {
            return false;
        }
        for (String t : SKIPPED_TREES) {
            if (path.startsWith(t)) {
                return false;
            }
        }
        String p = "/" + path;
        for (String d : SKIPPED_DIRS) {
            if (p.contains(d)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the content looks like text: no NUL byte in its first 8000 bytes, as git decides. */
    static boolean isText(byte[] content) {
        for (int i = 0; i < Math.min(PROBE, content.length); i++) {
            if (content[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
