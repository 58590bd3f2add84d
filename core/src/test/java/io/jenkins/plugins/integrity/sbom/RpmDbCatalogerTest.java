package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rpm database: packages built by rpmbuild (one spec, forty subpackages with long descriptions, so
 * that headers overflow their pages and the table needs interior pages), recorded by {@code rpm -i --justdb}
 * in an SQLite rpmdb, and compared with what {@code rpm -qa} says of it.
 */
class RpmDbCatalogerTest {
    @TempDir
    static Path dir;
    static byte[] rpmdb;
    static List<String> expected;

    @BeforeAll
    static void buildDatabase() throws Exception {
        StringBuilder spec = new StringBuilder("""
                Name: base-tool
                Version: 1.2.3
                Release: 4.el9
                Epoch: 2
                Summary: a tool
                License: MIT and ASL 2.0
                BuildArch: noarch
                %description
                base
                %files
                """);
        String text = "A description long enough that the header does not fit one database page. ".repeat(80);
        for (int i = 0; i < 40; i++) {
            spec.append("\n%package -n pkg-").append(i).append("\nVersion: 0.").append(i).append(".1\nRelease: ")
                    .append(i).append(".fc40\nSummary: p\nLicense: GPL-2.0-or-later\n%description -n pkg-").append(i)
                    .append('\n').append(text).append("\n%files -n pkg-").append(i).append('\n');
        }
        Files.createDirectories(dir.resolve("SPECS"));
        Files.writeString(dir.resolve("SPECS/tools.spec"), spec);
        Tools.run(dir, "rpmbuild", "--define", "_topdir " + dir, "-bb", dir.resolve("SPECS/tools.spec").toString());
        Path db = dir.resolve("db");
        Tools.run(dir, "rpm", "--initdb", "--dbpath", db.toString());
        List<String> install = new ArrayList<>(List.of("rpm", "-i", "--justdb", "--nodeps", "--noscripts",
                "--ignorearch", "--ignoreos", "--dbpath", db.toString()));
        try (var rpms = Files.list(dir.resolve("RPMS/noarch"))) {
            rpms.map(Path::toString).sorted().forEach(install::add);
        }
        Tools.run(dir, install.toArray(String[]::new));
        rpmdb = Files.readAllBytes(db.resolve("rpmdb.sqlite"));
        expected = Arrays.stream(Tools.run(dir, "rpm", "-qa", "--dbpath", db.toString(), "--qf",
                "%{NAME}@%{VERSION}-%{RELEASE}\\n").split("\n")).filter(l -> l.contains("@")).toList();
        bdbLittle = berkeley(false);
        bdbBig = berkeley(true);
    }

    static byte[] bdbLittle;
    static byte[] bdbBig;

    /**
     * The same headers in a Berkeley DB hash Packages file, as rpm before 4.16 kept them: written by libdb's
     * own db_load (in either byte order), and read back by rpm's bdb_ro backend to prove it is one rpm reads.
     */
    private static byte[] berkeley(boolean bigEndian) throws Exception {
        StringBuilder dump = new StringBuilder("VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=4096\nHEADER=END\n");
        int key = 0;
        for (List<Object> row : new SqliteTable(rpmdb).rows("Packages")) {
            byte[] blob = (byte[]) row.stream().filter(byte[].class::isInstance).findFirst().orElseThrow();
            java.nio.ByteBuffer k = java.nio.ByteBuffer.allocate(4).order(bigEndian
                    ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN).putInt(++key);
            dump.append(' ').append(java.util.HexFormat.of().formatHex(k.array())).append("\n ")
                    .append(java.util.HexFormat.of().formatHex(blob)).append('\n');
        }
        dump.append("DATA=END\n");
        String name = bigEndian ? "bdb-big" : "bdb-little";
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name + ".dump"), dump);
        Tools.run(dir, "db5.3_load", "-c", "db_lorder=" + (bigEndian ? "4321" : "1234"), "-f",
                dir.resolve(name + ".dump").toString(), home.resolve("Packages").toString());
        List<String> listed = Arrays.stream(Tools.run(dir, "rpm", "-qa", "--dbpath", home.toString(), "--define",
                "_db_backend bdb_ro", "--qf", "%{NAME}@%{VERSION}-%{RELEASE}\\n").split("\n"))
                .filter(l -> l.contains("@") && !l.contains(" ")).toList();
        assertThat(listed).as("rpm reads the Berkeley DB made for the test").containsExactlyInAnyOrderElementsOf(expected);
        return Files.readAllBytes(home.resolve("Packages"));
    }

    @Test
    void theBerkeleyDbPackagesFileOfOlderReleasesIsReadInEitherByteOrder() {
        RpmDbCataloger c = new RpmDbCataloger();
        assertThat(c.handles("var/lib/rpm/Packages")).isTrue();
        assertThat(bdbBig[12]).isZero(); // the magic number the other way round: a big-endian file indeed
        for (byte[] db : List.of(bdbLittle, bdbBig)) {
            List<Component> found = c.catalog("var/lib/rpm/Packages", db, "centos-7");
            assertThat(found).extracting(x -> x.name() + "@" + x.version())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(found).filteredOn(x -> x.name().equals("base-tool")).singleElement()
                    .satisfies(x -> assertThat(x.purl()).startsWith("pkg:rpm/centos/base-tool@1.2.3-4.el9?"));
        }
    }

    @Test
    void damagedBerkeleyDbFilesAreRefused() {
        RpmDbCataloger c = new RpmDbCataloger();
        String path = "var/lib/rpm/Packages";
        assertThatThrownBy(() -> c.catalog(path, Arrays.copyOf(bdbLittle, bdbLittle.length / 2), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> c.catalog(path, rpmdb, null)).hasMessageContaining("no hash magic number");
        assertThatThrownBy(() -> c.catalog(path, new byte[100], null)).hasMessageContaining("shorter than");
        byte[] encrypted = bdbLittle.clone();
        encrypted[24] = 1;
        assertThatThrownBy(() -> c.catalog(path, encrypted, null)).hasMessageContaining("encrypted");
        // every overflow page made to point at itself: a loop, found, not followed for ever
        byte[] looped = bdbLittle.clone();
        int pageSize = 4096;
        int overflowPages = 0;
        for (int p = 1; p < looped.length / pageSize; p++) {
            int at = p * pageSize;
            if (looped[at + 25] == 7 && (looped[at + 16] | looped[at + 17] | looped[at + 18] | looped[at + 19]) != 0) {
                looped[at + 16] = (byte) p;
                looped[at + 17] = (byte) (p >> 8);
                looped[at + 18] = 0;
                looped[at + 19] = 0;
                overflowPages++;
            }
        }
        assertThat(overflowPages).isPositive();
        assertThatThrownBy(() -> c.catalog(path, looped, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow chain");
        // random damage anywhere after the metadata page: an error or a list, never a hang or another exception
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] damaged = bdbLittle.clone();
            for (int j = 0; j < 8; j++) {
                damaged[pageSize + random.nextInt(damaged.length - pageSize)] = (byte) random.nextInt();
            }
            try {
                assertThat(c.catalog(path, damaged, null)).hasSizeLessThanOrEqualTo(expected.size());
            } catch (IllegalArgumentException expectedRefusal) {
                assertThat(expectedRefusal.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void everyPackageRpmListsIsRead() {
        List<Component> found = new RpmDbCataloger().catalog("var/lib/rpm/rpmdb.sqlite", rpmdb, "rhel-9.4");
        assertThat(expected).hasSize(41);
        assertThat(found).extracting(c -> c.name() + "@" + c.version()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(found).filteredOn(c -> c.name().equals("base-tool")).singleElement().satisfies(c -> {
            assertThat(c.purl()).isEqualTo("pkg:rpm/rhel/base-tool@1.2.3-4.el9?arch=noarch&distro=rhel-9.4&epoch=2");
            assertThat(c.licenses()).containsExactly("MIT and ASL 2.0");
        });
    }

    @Test
    void damagedDatabasesAreRefused() {
        RpmDbCataloger c = new RpmDbCataloger();
        assertThatThrownBy(() -> c.catalog("var/lib/rpm/rpmdb.sqlite", Arrays.copyOf(rpmdb, rpmdb.length / 3), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.catalog("var/lib/rpm/rpmdb.sqlite", "not a database at all".repeat(10).getBytes(),
                null)).hasMessageContaining("not an SQLite 3 database");
        byte[] looped = rpmdb.clone();
        // page 1's schema table points at itself as an interior page: a loop, not a hang
        int pageSize = ((looped[16] & 0xff) << 8) | (looped[17] & 0xff);
        looped[100] = 0x05;
        looped[103] = 0;
        looped[104] = 0;
        looped[108] = 0;
        looped[109] = 0;
        looped[110] = 0;
        looped[111] = 1;
        assertThat(pageSize).isGreaterThanOrEqualTo(512);
        assertThatThrownBy(() -> c.catalog("var/lib/rpm/rpmdb.sqlite", looped, null))
                .hasMessageContaining("page reference out of place");
    }

    @Test
    void rpmHeadersWithIndexesPastTheirEndAreRefused() {
        byte[] header = new byte[24];
        header[3] = 1; // one index entry
        header[7] = 100; // but 100 bytes of data it does not have
        assertThatThrownBy(() -> RpmDbCataloger.header(header)).hasMessageContaining("runs past it");
    }
    /**
     * The real headers of the SQLite database, laid out as rpm's ndb backend writes Packages.db
     * ({@code lib/backend/ndb/rpmpkg.c}: header, slot pages, blobs with head, padding and an Adler-32 tail).
     * Debian's rpm is built without ndb, so the file is written here, step by step as rpmpkgPut writes one;
     * a deleted package leaves a free slot and zeroed blocks behind, as rpmpkgDel does.
     */
    private static byte[] ndb(int slotPages) throws Exception {
        List<byte[]> headers = new ArrayList<>();
        for (List<Object> row : new SqliteTable(rpmdb).rows("Packages")) {
            headers.add((byte[]) row.stream().filter(byte[].class::isInstance).findFirst().orElseThrow());
        }
        java.io.ByteArrayOutputStream blocks = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer slots = java.nio.ByteBuffer.allocate(slotPages * 4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        slots.putInt(0, 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24).putInt(4, 0).putInt(8, 7).putInt(12, slotPages)
                .putInt(16, headers.size() + 2);
        for (int at = 32; at < slots.capacity(); at += 16) {
            slots.putInt(at, 'S' | 'l' << 8 | 'o' << 16 | 't' << 24);
        }
        int blockOffset = slotPages * 4096 / 16;
        int slot = 32;
        for (int i = 0; i < headers.size(); i++) {
            byte[] h = headers.get(i);
            int size = (16 + h.length + 12 + 15) / 16 * 16;
            java.nio.ByteBuffer blob = java.nio.ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int pkgIndex = i + 1;
            blob.putInt('B' | 'l' << 8 | 'b' << 16 | 'S' << 24).putInt(pkgIndex).putInt(1764633600).putInt(h.length)
                    .put(h);
            java.util.zip.Adler32 adler = new java.util.zip.Adler32();
            adler.update(blob.array(), 0, size - 12);
            blob.putInt(size - 12, (int) adler.getValue()).putInt(size - 8, h.length)
                    .putInt(size - 4, 'B' | 'l' << 8 | 'b' << 16 | 'E' << 24);
            if (i == 3) {
                slot += 16; // a package deleted here: its slot free, its blocks zeroed
                blocks.write(new byte[size]);
                blockOffset += size / 16;
            }
            slots.putInt(slot + 4, pkgIndex).putInt(slot + 8, blockOffset).putInt(slot + 12, size / 16);
            slot += 16;
            blocks.write(blob.array());
            blockOffset += size / 16;
        }
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.write(slots.array());
        file.write(blocks.toByteArray());
        return file.toByteArray();
    }

    @Test
    void susesNdbPackagesDbIsRead() throws Exception {
        RpmDbCataloger c = new RpmDbCataloger();
        assertThat(c.handles("usr/lib/sysimage/rpm/Packages.db")).isTrue();
        assertThat(c.handles("var/lib/rpm/Packages.db")).isTrue();
        for (int pages : new int[] {1, 3}) {
            List<Component> found = c.catalog("usr/lib/sysimage/rpm/Packages.db", ndb(pages), "sles-15.5");
            assertThat(found).extracting(x -> x.name() + "@" + x.version())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(found).filteredOn(x -> x.name().equals("base-tool")).singleElement().satisfies(x -> assertThat(
                    x.purl()).isEqualTo("pkg:rpm/sles/base-tool@1.2.3-4.el9?arch=noarch&distro=sles-15.5&epoch=2"));
        }
    }

    @Test
    void damagedNdbDatabasesAreRefused() throws Exception {
        RpmDbCataloger c = new RpmDbCataloger();
        String path = "usr/lib/sysimage/rpm/Packages.db";
        byte[] good = ndb(1);
        assertThatThrownBy(() -> c.catalog(path, rpmdb, null)).hasMessageContaining("no RpmP header");
        assertThatThrownBy(() -> c.catalog(path, Arrays.copyOf(good, 2048), null)).hasMessageContaining("cut short");
        assertThatThrownBy(() -> c.catalog(path, Arrays.copyOf(good, good.length - 16), null))
                .hasMessageContaining("points outside its blocks");
        byte[] version = good.clone();
        version[4] = 1;
        assertThatThrownBy(() -> c.catalog(path, version, null)).hasMessageContaining("version 1");
        byte[] pages = good.clone();
        pages[13] = 0x7f; // 32,513 slot pages
        assertThatThrownBy(() -> c.catalog(path, pages, null)).hasMessageContaining("slot pages");
        byte[] slot = good.clone();
        slot[32] = 'X';
        assertThatThrownBy(() -> c.catalog(path, slot, null)).hasMessageContaining("bad slot");
        // one byte of a package's header changed: its blob fails the Adler-32 of its tail
        byte[] tampered = good.clone();
        tampered[4096 + 16 + 40] ^= 1;
        assertThatThrownBy(() -> c.catalog(path, tampered, null)).hasMessageContaining("fails its checksum");
        // a slot naming another package than the blob at its block
        byte[] swapped = good.clone();
        swapped[32 + 4] = 99;
        assertThatThrownBy(() -> c.catalog(path, swapped, null)).hasMessageContaining("has no blob at its block");
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 300; i++) {
            byte[] damaged = good.clone();
            for (int j = 0; j < 4; j++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt();
            }
            try {
                assertThat(c.catalog(path, damaged, null)).hasSizeLessThanOrEqualTo(expected.size());
            } catch (IllegalArgumentException expectedRefusal) {
                assertThat(expectedRefusal.getMessage()).isNotBlank();
            }
        }
    }
}
