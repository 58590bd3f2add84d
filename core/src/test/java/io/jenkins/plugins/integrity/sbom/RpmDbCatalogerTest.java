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
}
