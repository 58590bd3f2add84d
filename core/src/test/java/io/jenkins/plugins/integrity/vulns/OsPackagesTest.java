package io.jenkins.plugins.integrity.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.sbom.SbomGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distribution advisories name source packages: a root file system's dpkg and apk databases are catalogued with
 * their source package as the package URL's {@code upstream} (as syft writes it), and binary packages match their
 * source's advisory: libcurl4 (source curl) DSA-5523-1 in bookworm, a binNMU by its source's version, and an
 * Alpine origin (the Alpine record here is synthetic, with Alpine's layout).
 */
class OsPackagesTest {
    static final String ALPINE_OPENSSL = """
            {"id": "ALPINE-TEST-0001", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-0000-0001"],
             "affected": [{"package": {"ecosystem": "Alpine:v3.20", "name": "openssl"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.3.2-r0"}]}]}]}
            """;

    @TempDir
    Path root;

    private List<String> scan() {
        var db = VulnerabilityDatabase.of(List.of(
                OsvParser.parse(VulnerabilityScannerTest.DSA_CURL.getBytes(StandardCharsets.UTF_8), "dsa.json"),
                OsvParser.parse(ALPINE_OPENSSL.getBytes(StandardCharsets.UTF_8), "alpine.json")));
        var sbom = new SbomGenerator().fromDirectory(root);
        return new VulnerabilityScanner(db).scan(sbom.components(), "rootfs", Gate.failOn(Severity.HIGH)).matches()
                .stream().map(m -> m.component().name() + " " + m.id() + " " + m.fixedIn()).toList();
    }

    @Test
    void debianBinaryPackagesMatchTheirSourcesAdvisory() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), """
                Package: libcurl4
                Status: install ok installed
                Architecture: amd64
                Source: curl
                Version: 7.88.1-10+deb12u3

                Package: curl
                Status: install ok installed
                Architecture: amd64
                Version: 7.88.1-10+deb12u4

                Package: libcurl3-gnutls
                Status: install ok installed
                Architecture: amd64
                Source: curl (7.88.1-10+deb12u3)
                Version: 7.88.1-10+deb12u3+b1

                Package: bash
                Status: install ok installed
                Architecture: amd64
                Version: 5.2.15-2+b2
                """);
        var sbom = new SbomGenerator().fromDirectory(root);
        assertThat(sbom.components()).extracting(c -> c.purl()).contains(
                "pkg:deb/debian/libcurl4@7.88.1-10%2Bdeb12u3?arch=amd64&distro=debian-12&upstream=curl",
                "pkg:deb/debian/curl@7.88.1-10%2Bdeb12u4?arch=amd64&distro=debian-12",
                "pkg:deb/debian/libcurl3-gnutls@7.88.1-10%2Bdeb12u3%2Bb1?arch=amd64&distro=debian-12"
                        + "&upstream=curl%407.88.1-10%2Bdeb12u3");
        assertThat(scan()).containsExactlyInAnyOrder("libcurl4 DSA-5523-1 7.88.1-10+deb12u4",
                "libcurl3-gnutls DSA-5523-1 7.88.1-10+deb12u4");
    }

    @Test
    void ubuntuPackagesMatchUbuntusAdvisoriesForTheirReleaseOnly() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"22.04\"\n");
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), """
                Package: libssl3
                Status: install ok installed
                Architecture: amd64
                Source: openssl
                Version: 3.0.2-0ubuntu1.10
                """);
        String usn = """
                {"id": "%s", "modified": "2024-01-01T00:00:00Z", "upstream": ["CVE-0000-0002"],
                 "affected": [{"package": {"ecosystem": "%s", "name": "openssl"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}""";
        var db = VulnerabilityDatabase.of(List.of(
                OsvParser.parse(usn.formatted("UBUNTU-TEST-2204", "Ubuntu:22.04:LTS", "3.0.2-0ubuntu1.12")
                        .getBytes(StandardCharsets.UTF_8), "jammy.json"),
                OsvParser.parse(usn.formatted("UBUNTU-TEST-2404", "Ubuntu:24.04:LTS", "3.0.13-0ubuntu3.1")
                        .getBytes(StandardCharsets.UTF_8), "noble.json"),
                OsvParser.parse(usn.formatted("UBUNTU-TEST-PRO", "Ubuntu:Pro:22.04:LTS", "3.0.2-0ubuntu1.99")
                        .getBytes(StandardCharsets.UTF_8), "pro.json"),
                OsvParser.parse(usn.formatted("DEBIAN-TEST", "Debian:12", "9.9.9-1")
                        .getBytes(StandardCharsets.UTF_8), "debian.json")));
        var sbom = new SbomGenerator().fromDirectory(root);
        assertThat(sbom.components()).extracting(c -> c.purl()).containsExactly(
                "pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.10?arch=amd64&distro=ubuntu-22.04&upstream=openssl");
        assertThat(new VulnerabilityScanner(db).scan(sbom.components(), "rootfs", Gate.failOn(Severity.HIGH)).matches())
                .extracting(m -> m.id() + " " + m.fixedIn()).containsExactly("UBUNTU-TEST-2204 3.0.2-0ubuntu1.12");
    }

    /** A root file system of an apk distribution: its os-release and apk's installed database. */
    private void apkRoot(String osRelease, String installed) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), osRelease);
        Files.createDirectories(root.resolve("lib/apk/db"));
        Files.writeString(root.resolve("lib/apk/db/installed"), installed);
    }

    @Test
    void alpinePackagesMatchTheirOriginsAdvisoryInTheirRelease() throws Exception {
        apkRoot("ID=alpine\nVERSION_ID=3.20.3\n", """
                P:libcrypto3
                V:3.3.1-r3
                A:x86_64
                o:openssl
                L:Apache-2.0

                P:openssl
                V:3.3.2-r0
                A:x86_64
                o:openssl
                """);
        assertThat(scan()).containsExactly("libcrypto3 CVE-0000-0001 3.3.2-r0");
    }
    private static OsvRecord record(String id, String ecosystem, String name, String fixed) {
        String json = """
                {"id": "%s", "modified": "2024-01-01T00:00:00Z", "upstream": ["CVE-0000-0003"],
                 "affected": [{"package": {"ecosystem": "%s", "name": "%s"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}"""
                .formatted(id, ecosystem, name, fixed);
        return OsvParser.parse(json.getBytes(StandardCharsets.UTF_8), id + ".json");
    }

    private static List<String> matches(VulnerabilityDatabase db, String... purls) {
        List<io.jenkins.plugins.integrity.sbom.Component> components = java.util.Arrays.stream(purls)
                .map(p -> new io.jenkins.plugins.integrity.sbom.Component("rpm", null, p, "0", p, List.of(), "rootfs"))
                .toList();
        return new VulnerabilityScanner(db).scan(components, "rootfs", Gate.failOn(Severity.HIGH)).matches().stream()
                .map(m -> m.component().purl().replaceAll("\\?.*", "") + " " + m.id()).toList();
    }

    /** Synthetic records with the layout of each distribution's OSV data (ecosystem names, epochs in fixes). */
    @Test
    void rpmPackagesMatchTheAdvisoriesOfTheirDistributionAndRelease() {
        var db = VulnerabilityDatabase.of(List.of(
                record("RLSA-TEST-9", "Rocky Linux:9", "openssl", "1:3.0.7-27.el9"),
                record("RLSA-TEST-8", "Rocky Linux:8", "openssl", "1:1.1.1k-12.el8_9"),
                record("ALSA-TEST-9", "AlmaLinux:9", "openssl", "1:3.0.7-27.el9"),
                record("RHSA-TEST-9", "Red Hat:enterprise_linux:9::baseos", "openssl", "1:3.0.7-27.el9"),
                record("RHSA-TEST-EUS", "Red Hat:rhel_eus:9.2::baseos", "openssl", "1:3.0.7-18.el9_2"),
                record("SUSE-TEST-155", "SUSE:Linux Enterprise Server 15 SP5", "libopenssl3", "3.0.8-150500.5.14.1"),
                record("openSUSE-TEST", "openSUSE:Leap 15.5", "libopenssl3", "3.0.8-150500.5.14.1")));
        // an epoch in the URL is part of the version; a fix is compared with it
        assertThat(matches(db, "pkg:rpm/rocky/openssl@3.0.7-24.el9?arch=x86_64&distro=rocky-9.3&epoch=1",
                "pkg:rpm/rocky/openssl@3.0.7-27.el9?arch=x86_64&distro=rocky-9.3&epoch=1"))
                .containsExactly("pkg:rpm/rocky/openssl@3.0.7-24.el9 RLSA-TEST-9");
        assertThat(matches(db, "pkg:rpm/rocky/openssl@1.1.1k-9.el8?epoch=1&distro=rocky-8.9"))
                .containsExactly("pkg:rpm/rocky/openssl@1.1.1k-9.el8 RLSA-TEST-8");
        assertThat(matches(db, "pkg:rpm/almalinux/openssl@3.0.7-24.el9?epoch=1&distro=almalinux-9.4"))
                .containsExactly("pkg:rpm/almalinux/openssl@3.0.7-24.el9 ALSA-TEST-9");
        // RHEL's mainline stream; the extended-support stream is not the os-release's
        assertThat(matches(db, "pkg:rpm/rhel/openssl@3.0.7-17.el9_2?epoch=1&distro=rhel-9.2"))
                .containsExactly("pkg:rpm/rhel/openssl@3.0.7-17.el9_2 RHSA-TEST-9");
        assertThat(matches(db, "pkg:rpm/sles/libopenssl3@3.0.8-150500.5.8.1?distro=sles-15.5",
                "pkg:rpm/sles/libopenssl3@3.0.8-150400.4.1?distro=sles-15.4"))
                .containsExactly("pkg:rpm/sles/libopenssl3@3.0.8-150500.5.8.1 SUSE-TEST-155");
        assertThat(matches(db, "pkg:rpm/opensuse/libopenssl3@3.0.8-150500.5.8.1?distro=opensuse-leap-15.5"))
                .containsExactly("pkg:rpm/opensuse/libopenssl3@3.0.8-150500.5.8.1 openSUSE-TEST");
        // Fedora has no OSV data: never compared with another distribution's
        assertThat(matches(db, "pkg:rpm/fedora/openssl@3.0.7-1.fc39?epoch=1&distro=fedora-39")).isEmpty();
    }

    @Test
    void wolfiPackagesMatchWolfisAdvisoriesNotAlpines() throws Exception {
        apkRoot("ID=wolfi\nNAME=\"Wolfi\"\nVERSION_ID=20230201\n", """
                P:libcrypto3
                V:3.3.1-r0
                A:x86_64
                o:openssl

                P:busybox
                V:1.36.1-r7
                A:x86_64
                o:busybox
                """);
        var sbom = new SbomGenerator().fromDirectory(root);
        assertThat(sbom.components()).extracting(c -> c.purl()).containsExactlyInAnyOrder(
                "pkg:apk/wolfi/libcrypto3@3.3.1-r0?arch=x86_64&distro=wolfi-20230201&upstream=openssl",
                "pkg:apk/wolfi/busybox@1.36.1-r7?arch=x86_64&distro=wolfi-20230201");
        var db = VulnerabilityDatabase.of(List.of(ALPINE_TEST_RECORD,
                record("CGA-TEST-0001", "Wolfi", "openssl", "3.3.2-r0"),
                record("CGA-TEST-0002", "Wolfi", "busybox", "1.36.1-r8"),
                record("CGA-TEST-0003", "Chainguard", "busybox", "1.36.1-r9")));
        assertThat(new VulnerabilityScanner(db).scan(sbom.components(), "rootfs", Gate.failOn(Severity.HIGH)).matches())
                .extracting(m -> m.component().name() + " " + m.id())
                .containsExactlyInAnyOrder("libcrypto3 CGA-TEST-0001", "busybox CGA-TEST-0002");
    }

    private static final OsvRecord ALPINE_TEST_RECORD =
            OsvParser.parse(ALPINE_OPENSSL.getBytes(StandardCharsets.UTF_8), "alpine.json");
}
