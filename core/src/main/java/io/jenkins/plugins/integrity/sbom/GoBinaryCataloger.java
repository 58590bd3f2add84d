package io.jenkins.plugins.integrity.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Go programs: the build information the Go linker embeds (since Go 1.18 inline after the
 * {@code "\xff Go buildinf:"} header, https://go.dev/src/debug/buildinfo/buildinfo.go): the toolchain as
 * {@code stdlib}, the main module ({@code mod}) and every dependency ({@code dep}, or its {@code =>}
 * replacement), as {@code go version -m} lists them. Found by its header, whatever the executable format.
 */
final class GoBinaryCataloger implements Cataloger {
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER = 32;
    private static final int FLAG_INLINE = 2;

    @Override
    public boolean handles(String path) {
        return false;
    }

    @Override
    public boolean handles(String path, boolean executable) {
        if (!executable) {
            return false;
        }
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 || name.endsWith(".exe");
    }

    @Override
    public long maxSize() {
        return 256L << 20;
    }

    @Override
    public List<Component> catalog(String path, byte[] content, String distro) {
        int at = header(content);
        if (at < 0 || content.length < at + HEADER) {
            return List.of(); // not a Go program, or one older than Go 1.18
        }
        if ((content[at + 15] & FLAG_INLINE) == 0) {
            return List.of();
        }
        int[] pos = {at + HEADER};
        String goVersion = string(content, pos);
        String modinfo = string(content, pos);
        if (goVersion == null || modinfo == null) {
            throw new IllegalArgumentException("a Go build information header whose strings run past the file");
        }
        List<Component> out = new ArrayList<>();
        if (goVersion.startsWith("go")) {
            String v = goVersion.substring(2).split("[\\s ]")[0];
            out.add(new Component("golang", null, "stdlib", v, Components.purl("golang", null, "stdlib", v), List.of(),
                    path));
        }
        // modinfo is framed by 16-byte sentinels; its lines are tab-separated
        String info = modinfo.length() > 32 ? modinfo.substring(16, modinfo.length() - 16) : modinfo;
        String[] lines = info.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].split("\t");
            if (f.length < 2 || !(f[0].equals("mod") || f[0].equals("dep"))) {
                continue;
            }
            String module = f[1];
            String version = f.length > 2 ? f[2] : null;
            if (i + 1 < lines.length && lines[i + 1].startsWith("=>\t")) {
                String[] r = lines[i + 1].split("\t");
                if (r.length > 2) {
                    module = r[1];
                    version = r[2];
                }
            }
            if (version != null && version.equals("(devel)")) {
                version = null;
            }
            out.add(golang(module, version, path));
        }
        return out;
    }

    private static Component golang(String module, String version, String path) {
        int slash = module.lastIndexOf('/');
        String ns = slash < 0 ? null : module.substring(0, slash);
        String name = module.substring(slash + 1);
        return new Component("golang", ns, name, version, Components.purl("golang", ns, name, version), List.of(), path);
    }

    /** The offset of the build information header, which the linker aligns to 16 bytes; -1 if none. */
    private static int header(byte[] b) {
        for (int i = 0; i + MAGIC.length <= b.length; i += 16) {
            if (b[i] == MAGIC[0] && b[i + 1] == MAGIC[1] && matches(b, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(byte[] b, int at) {
        for (int j = 0; j < MAGIC.length; j++) {
            if (b[at + j] != MAGIC[j]) {
                return false;
            }
        }
        return true;
    }

    /** A uvarint-length-prefixed string at pos (advanced past it), or null when it runs past the end. */
    private static String string(byte[] b, int[] pos) {
        long n = 0;
        int shift = 0;
        int p = pos[0];
        while (true) {
            if (p >= b.length || shift > 35) {
                return null;
            }
            int x = b[p++] & 0xff;
            n |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                break;
            }
            shift += 7;
        }
        if (n > b.length - p) {
            return null;
        }
        pos[0] = p + (int) n;
        return new String(b, p, (int) n, StandardCharsets.UTF_8);
    }
}
