package io.jenkins.plugins.integrity.sbom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rpm database of Red Hat-family systems in its SQLite form ({@code var/lib/rpm/rpmdb.sqlite}, and
 * {@code usr/lib/sysimage/rpm/rpmdb.sqlite}; RHEL 9, Fedora 33+, Amazon Linux 2023, openSUSE): each row of
 * its {@code Packages} table is an rpm header (https://rpm-software-management.github.io/rpm/manual/format_header.html)
 * whose name, epoch, version, release, arch and license tags name the package. The package URL's namespace
 * is the distro's ID from os-release. The Berkeley DB {@code Packages} file of the releases before (RHEL and
 * CentOS 5 to 8, Amazon Linux 2) holds the same headers as the values of a hash database ({@link BerkeleyDbHash}),
 * and SUSE's ndb database {@code Packages.db} (SLES and openSUSE Leap 15) as blobs ({@link RpmNdb}).
 */
final class RpmDbCataloger implements Cataloger {
    private static final int NAME = 1000;
    private static final int VERSION = 1001;
    private static final int RELEASE = 1002;
    private static final int EPOCH = 1003;
    private static final int LICENSE = 1014;
    private static final int ARCH = 1022;
    private static final int MAX_ENTRIES = 100_000;

    @Override
    public boolean handles(String path) {
        return path.equals("var/lib/rpm/rpmdb.sqlite") || path.equals("usr/lib/sysimage/rpm/rpmdb.sqlite")
                || path.endsWith("/var/lib/rpm/rpmdb.sqlite") || berkeley(path) || ndb(path);
    }

    private static boolean ndb(String path) {
        return path.equals("var/lib/rpm/Packages.db") || path.equals("usr/lib/sysimage/rpm/Packages.db")
                || path.endsWith("/var/lib/rpm/Packages.db");
    }

    private static boolean berkeley(String path) {
        return path.equals("var/lib/rpm/Packages") || path.equals("usr/lib/sysimage/rpm/Packages")
                || path.endsWith("/var/lib/rpm/Packages");
    }

    @Override
    public boolean usesDistro() {
        return true;
    }

    @Override
    public long maxSize() {
        return 512L << 20;
    }

    @Override
    public List<Component> catalog(String path, byte[] content, String distro) {
        List<byte[]> headers = berkeley(path) ? new BerkeleyDbHash(content).values().stream()
                .filter(v -> v.length >= 24).toList() // rpm keeps its next header number as a 4-byte value
                : ndb(path) ? RpmNdb.blobs(content) : sqliteHeaders(content);
        String vendor = Components.vendor(distro, "redhat");
        List<Component> out = new ArrayList<>();
        for (byte[] blob : headers) {
            Map<Integer, Object> tags = header(blob);
            String name = (String) tags.get(NAME);
            String version = (String) tags.get(VERSION);
            if (name == null || version == null || name.startsWith("gpg-pubkey")) {
                continue; // imported signing keys are stored as pseudo-packages
            }
            String release = (String) tags.get(RELEASE);
            String full = release == null ? version : version + "-" + release;
            Map<String, String> q = Components.osQualifiers((String) tags.get(ARCH), distro);
            if (tags.get(EPOCH) instanceof Integer epoch && epoch != 0) {
                q.put("epoch", String.valueOf(epoch));
            }
            String license = (String) tags.get(LICENSE);
            out.add(new Component("rpm", vendor, name, full, Components.purl("rpm", vendor, name, full, q),
                    license == null ? List.of() : List.of(license), path));
        }
        return out;
    }

    /** The blob of each row of the Packages table of an SQLite rpmdb. */
    private static List<byte[]> sqliteHeaders(byte[] content) {
        List<List<Object>> rows;
        try {
            rows = new SqliteTable(content).rows("Packages");
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("an SQLite database cut short or out of shape");
        }
        List<byte[]> blobs = new ArrayList<>();
        for (List<Object> row : rows) {
            byte[] blob = null;
            for (Object v : row) {
                if (v instanceof byte[] b) {
                    blob = b;
                }
            }
            if (blob != null) {
                blobs.add(blob);
            }
        }
        return blobs;
    }

    /** The string and int32 tags of an rpm header blob (index count, data length, index entries, data). */
    static Map<Integer, Object> header(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (blob.length < 8) {
            throw new IllegalArgumentException("an rpm header cut short");
        }
        int il = b.getInt(0);
        int dl = b.getInt(4);
        long dataStart = 8L + 16L * il;
        if (il < 0 || il > MAX_ENTRIES || dl < 0 || dataStart + dl > blob.length) {
            throw new IllegalArgumentException("an rpm header whose index or data runs past it");
        }
        Map<Integer, Object> tags = new HashMap<>();
        for (int i = 0; i < il; i++) {
            int e = 8 + 16 * i;
            int tag = b.getInt(e);
            int type = b.getInt(e + 4);
            int offset = b.getInt(e + 8);
            int count = b.getInt(e + 12);
            if (offset < 0 || offset >= dl || count < 1) {
                continue;
            }
            int at = (int) dataStart + offset;
            int end = (int) dataStart + dl;
            if (type == 6 || type == 8 || type == 9) { // STRING, STRING_ARRAY, I18NSTRING: the first string
                int z = at;
                while (z < end && blob[z] != 0) {
                    z++;
                }
                tags.putIfAbsent(tag, new String(blob, at, z - at, StandardCharsets.UTF_8));
            } else if (type == 4 && at + 4 <= end) { // INT32
                tags.putIfAbsent(tag, b.getInt(at));
            }
        }
        return tags;
    }
}
