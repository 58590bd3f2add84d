package io.jenkins.plugins.integrity.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each ecosystem's order against the examples its own specification publishes: every list is strictly
 * increasing, checked pairwise in both directions, and the spellings it calls equal compare equal.
 */
class VersionComparatorsTest {
    private static void increasing(VersionComparator order, String... versions) {
        for (int i = 0; i < versions.length; i++) {
            for (int j = 0; j < versions.length; j++) {
                int expected = Integer.compare(i, j);
                assertThat(Integer.signum(order.compare(versions[i], versions[j])))
                        .as("%s vs %s", versions[i], versions[j]).isEqualTo(expected);
            }
        }
    }

    private static void equal(VersionComparator order, String a, String b) {
        assertThat(order.compare(a, b)).as("%s == %s", a, b).isZero();
        assertThat(order.compare(b, a)).as("%s == %s", b, a).isZero();
    }

    @Test
    void semverPrecedenceAsSpecItem11() {
        // https://semver.org/#spec-item-11
        increasing(SemVer.STRICT, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
        equal(SemVer.STRICT, "1.0.0+20130313144700", "1.0.0");
        equal(SemVer.STRICT, "v1.2.3", "1.2.3");
        increasing(SemVer.STRICT, "1.0.0-2", "1.0.0-10", "1.0.0-a");
        assertThat(SemVer.STRICT.valid("1.0.0.0")).isFalse();
        assertThat(SemVer.STRICT.valid("1.x")).isFalse();
        assertThat(SemVer.STRICT.valid("1.0.0-")).isFalse();
        assertThatThrownBy(() -> SemVer.STRICT.compare("latest", "1.0.0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goModulesPseudoVersionsAndIncompatible() {
        // https://go.dev/ref/mod#pseudo-versions: a pseudo-version sorts before the release it precedes
        increasing(SemVer.STRICT, "v0.0.0-20191109021931-daa7c04131f5", "v0.0.1", "v1.2.3",
                "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4", "v2.0.0-rc.1");
        equal(SemVer.STRICT, "v2.0.0+incompatible", "2.0.0");
    }

    @Test
    void nugetFourPartsAndCaseInsensitiveLabels() {
        // https://learn.microsoft.com/nuget/concepts/package-versioning
        increasing(SemVer.NUGET, "1.0.0-alpha", "1.0.0-beta", "1.0.0", "1.0.0.1", "1.0.1", "1.1");
        equal(SemVer.NUGET, "1.0.0-ALPHA", "1.0.0-alpha");
        equal(SemVer.NUGET, "1.0", "1.0.0.0");
    }

    @Test
    void pep440AsItsOrderingExample() {
        // https://peps.python.org/pep-0440/#summary-of-permitted-suffixes-and-relative-ordering
        increasing(Pep440Version.INSTANCE, "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
                "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0",
                "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1");
        equal(Pep440Version.INSTANCE, "1.0", "1.0.0");
        equal(Pep440Version.INSTANCE, "1.0-ALPHA1", "1.0a1");
        equal(Pep440Version.INSTANCE, "1.0c1", "1.0rc1");
        equal(Pep440Version.INSTANCE, "1.0-1", "1.0.post1");
        equal(Pep440Version.INSTANCE, "1.0-r2", "1.0.post2");
        equal(Pep440Version.INSTANCE, "v1.0", "1.0");
        increasing(Pep440Version.INSTANCE, "2.0", "1!1.0");
        assertThat(Pep440Version.INSTANCE.valid("1.0-beta")).isTrue();
        assertThat(Pep440Version.INSTANCE.valid("french toast")).isFalse();
    }

    @Test
    void debianAsDebPolicy() {
        // Debian Policy 5.6.12: ~ sorts before anything, even the end of a part
        increasing(DebianVersion.INSTANCE, "1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a", "1.0+b1", "1.0.1");
        increasing(DebianVersion.INSTANCE, "3.0.11-1~deb12u2", "3.0.11-1", "3.0.11-1+deb12u1", "3.0.11-1+deb12u2");
        increasing(DebianVersion.INSTANCE, "7.88.1-10", "7.88.1-10+deb12u3", "7.88.1-10+deb12u4", "7.88.1-10+deb12u10");
        increasing(DebianVersion.INSTANCE, "2.4-1", "2.30-1", "9.0", "1:0.1", "2:0.0.1");
        equal(DebianVersion.INSTANCE, "0:1.0-1", "1.0-1");
        equal(DebianVersion.INSTANCE, "1.0-0", "1.0-0");
        assertThat(DebianVersion.INSTANCE.valid("a:1.0")).isFalse();
        assertThat(DebianVersion.INSTANCE.valid("1.0 beta")).isFalse();
    }

    @Test
    void alpineAsApkTools() {
        // apk-tools' version.c: pre-release suffixes before the release, post-release ones after, -rN last
        increasing(AlpineVersion.INSTANCE, "1.0_alpha", "1.0_alpha2", "1.0_beta", "1.0_pre", "1.0_rc1", "1.0",
                "1.0-r1", "1.0_cvs", "1.0_svn", "1.0_git", "1.0_hg", "1.0_p1", "1.0a", "1.0b", "1.0.1");
        increasing(AlpineVersion.INSTANCE, "1.0", "1.0-r0", "1.0~abc", "1.0~abc-r1", "1.0~abd");
        increasing(AlpineVersion.INSTANCE, "1.02", "1.1", "1.9", "1.10");
        increasing(AlpineVersion.INSTANCE, "2.3.0_rc1-r0", "2.3.0-r0", "2.3.0-r1", "2.3.0-r10");
        increasing(AlpineVersion.INSTANCE, "8.4.0-r0", "8.4.0-r1", "8.5.0-r0");
        equal(AlpineVersion.INSTANCE, "1.0", "1.0");
        assertThat(AlpineVersion.INSTANCE.valid("1.0-x")).isFalse();
        assertThat(AlpineVersion.INSTANCE.valid("1.0_foo")).isFalse();
        assertThat(AlpineVersion.INSTANCE.valid("")).isFalse();
        assertThat(AlpineVersion.INSTANCE.valid("1.2.3-r4")).isTrue();
    }

    @Test
    void rubyGemsAsGemVersion() {
        // Gem::Version: letters are pre-releases, before the release; trailing zeros do not count
        increasing(RubyGemsVersion.INSTANCE, "1.0.a", "1.0.a1", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "1.9", "1.10");
        equal(RubyGemsVersion.INSTANCE, "1.0.0", "1");
        equal(RubyGemsVersion.INSTANCE, "1.0-1", "1.0.pre.1");
        increasing(RubyGemsVersion.INSTANCE, "2.0.0.rc1", "2.0.0", "2.0.0.1");
        assertThat(RubyGemsVersion.INSTANCE.valid("junk")).isFalse();
    }

    @Test
    void mavenAsComparableVersion() {
        // https://maven.apache.org/pom.html#version-order-specification
        increasing(MavenVersion.INSTANCE, "1-alpha", "1-beta", "1-milestone", "1-rc", "1-snapshot", "1", "1-sp",
                "1-abc", "1.0.1", "1.1");
        equal(MavenVersion.INSTANCE, "1", "1.0.0");
        equal(MavenVersion.INSTANCE, "1-ga", "1-final");
        equal(MavenVersion.INSTANCE, "1-cr", "1-rc");
        increasing(MavenVersion.INSTANCE, "2.0-beta9", "2.0-rc1", "2.0", "2.3", "2.3.1", "2.4", "2.12.1", "2.12.2",
                "2.13.0", "2.14.1", "2.15.0-rc1", "2.15.0", "2.17.1");
        assertThat(MavenVersion.INSTANCE.valid("1.0 beta")).isFalse();
    }

    @Test
    void everyEcosystemHasItsOrderAndItsNames() {
        for (Ecosystem e : Ecosystem.values()) {
            assertThat(Ecosystem.ofOsv(e.osvName())).isEqualTo(e);
            assertThat(Ecosystem.ofPurl(e.purlType(), e.purlNamespace())).isEqualTo(e);
        }
        assertThat(Ecosystem.ofPurl("deb", "debian")).isEqualTo(Ecosystem.DEBIAN);
        assertThat(Ecosystem.UBUNTU.release("Ubuntu:22.04:LTS")).isEqualTo("22.04");
        assertThat(Ecosystem.UBUNTU.release("Ubuntu:23.10")).isEqualTo("23.10");
        assertThat(Ecosystem.UBUNTU.release("Ubuntu:Pro:18.04:LTS")).isEqualTo("Pro:18.04");
        assertThat(Ecosystem.DEBIAN.release("Debian:12")).isEqualTo("12");
        assertThat(Ecosystem.MAVEN.release("Maven")).isNull();
        assertThat(Ecosystem.ofOsv("Debian:12")).isEqualTo(Ecosystem.DEBIAN);
        assertThat(Ecosystem.ofOsv("Alpine:v3.20")).isEqualTo(Ecosystem.ALPINE);
        assertThat(Ecosystem.ofOsv("Hackage")).isNull();
        assertThat(Ecosystem.PYPI.normalise("Django_REST.framework")).isEqualTo("django-rest-framework");
        assertThat(List.of(Ecosystem.values())).hasSize(19);
    }
    /** rpm's own cases for rpmvercmp (tests/rpmvercmp.at in rpm's sources), the oddities it documents included. */
    private static final String RPMVERCMP_CASES = "1.0 1.0 0|1.0 2.0 -1|2.0 1.0 1|2.0.1 2.0.1 0|2.0 2.0.1 -1|2.0.1 2.0 1|2.0.1a 2.0.1a 0|2.0.1a 2.0.1 1|2.0.1 2.0.1a -1|5.5p1 5.5p1 0|5.5p1 5.5p2 -1|5.5p2 5.5p1 1|5.5p10 5.5p10 0|5.5p1 5.5p10 -1|5.5p10 5.5p1 1|10xyz 10.1xyz -1|10.1xyz 10xyz 1|xyz10 xyz10 0|xyz10 xyz10.1 -1|xyz10.1 xyz10 1|xyz.4 xyz.4 0|xyz.4 8 -1|8 xyz.4 1|xyz.4 2 -1|2 xyz.4 1|5.5p2 5.6p1 -1|5.6p1 5.5p2 1|5.6p1 6.5p1 -1|6.5p1 5.6p1 1|6.0.rc1 6.0 1|6.0 6.0.rc1 -1|10b2 10a1 1|10a2 10b2 -1|1.0aa 1.0aa 0|1.0a 1.0aa -1|1.0aa 1.0a 1|10.0001 10.0001 0|10.0001 10.1 0|10.1 10.0001 0|10.0001 10.0039 -1|10.0039 10.0001 1|4.999.9 5.0 -1|5.0 4.999.9 1|20101121 20101121 0|20101121 20101122 -1|20101122 20101121 1|2_0 2_0 0|2.0 2_0 0|2_0 2.0 0|a a 0|a+ a+ 0|a+ a_ 0|a_ a+ 0|+a +a 0|+a _a 0|_a +a 0|+_ +_ 0|_+ +_ 0|_+ _+ 0|+ _ 0|_ + 0|1.0~rc1 1.0~rc1 0|1.0~rc1 1.0 -1|1.0 1.0~rc1 1|1.0~rc1 1.0~rc2 -1|1.0~rc2 1.0~rc1 1|1.0~rc1~git123 1.0~rc1~git123 0|1.0~rc1~git123 1.0~rc1 -1|1.0~rc1 1.0~rc1~git123 1|1.0^ 1.0^ 0|1.0^ 1.0 1|1.0 1.0^ -1|1.0^git1 1.0^git1 0|1.0^git1 1.0 1|1.0 1.0^git1 -1|1.0^git1 1.0^git2 -1|1.0^git2 1.0^git1 1|1.0^git1 1.01 -1|1.01 1.0^git1 1|1.0^20160101 1.0^20160101 0|1.0^20160101 1.0.1 -1|1.0.1 1.0^20160101 1|1.0^20160101^git1 1.0^20160101^git1 0|1.0^20160102 1.0^20160101^git1 1|1.0^20160101^git1 1.0^20160102 -1|1.0~rc1^git1 1.0~rc1^git1 0|1.0~rc1^git1 1.0~rc1 1|1.0~rc1 1.0~rc1^git1 -1|1.0^git1~pre 1.0^git1~pre 0|1.0^git1 1.0^git1~pre 1|1.0^git1~pre 1.0^git1 -1|1b.fc17 1b.fc17 0|1b.fc17 1.fc17 -1|1.fc17 1b.fc17 1|1g.fc17 1g.fc17 0|1g.fc17 1.fc17 1|1.fc17 1g.fc17 -1|1.1.\u03b1 1.1.\u03b1 0|1.1.\u03b1 1.1.\u03b2 0|1.1.\u03b2\u03b2 1.1.\u03b1\u03b1 0";

    @Test
    void rpmOrdersVersionsAsRpmvercmpDoes() {
        for (String line : RPMVERCMP_CASES.split("\\|")) {
            String[] c = line.split(" ");
            assertThat(RpmVersion.rpmvercmp(c[0], c[1])).as(line).isEqualTo(Integer.parseInt(c[2]));
            assertThat(Integer.signum(RpmVersion.INSTANCE.compare(c[0], c[1]))).as(line)
                    .isEqualTo(Integer.parseInt(c[2]));
        }
    }

    @Test
    void rpmComparesEpochThenVersionThenRelease() {
        increasing(RpmVersion.INSTANCE, "1:3.0.7-16.el9", "1:3.0.7-24.el9", "1:3.0.7-27.el9", "1:3.0.7-27.el9_3",
                "1:3.1.1-1.el9", "2:1.0-1");
        increasing(RpmVersion.INSTANCE, "0:1.2-1", "1:1.0-1");
        // the release counts only when both name one; the epoch only when both name one
        equal(RpmVersion.INSTANCE, "3.0.7", "3.0.7-27.el9");
        equal(RpmVersion.INSTANCE, "1:3.0.7-27.el9", "3.0.7-27.el9");
        assertThat(RpmVersion.INSTANCE.compare("1:3.0.7-24.el9", "3.0.7-27.el9")).isNegative();
        assertThat(RpmVersion.INSTANCE.valid("")).isFalse();
        assertThat(RpmVersion.INSTANCE.valid("x:1.0-1")).isFalse();
        assertThat(RpmVersion.INSTANCE.valid(":1.0")).isFalse();
        assertThat(RpmVersion.INSTANCE.valid("-1")).isFalse();
    }

    @Test
    void distributionsAreToldApartByTheirPackageUrlNamespace() {
        assertThat(Ecosystem.ofPurl("rpm", "rocky")).isEqualTo(Ecosystem.ROCKY_LINUX);
        assertThat(Ecosystem.ofPurl("rpm", "almalinux")).isEqualTo(Ecosystem.ALMALINUX);
        assertThat(Ecosystem.ofPurl("rpm", "redhat")).isEqualTo(Ecosystem.RED_HAT);
        assertThat(Ecosystem.ofPurl("rpm", "rhel")).isEqualTo(Ecosystem.RED_HAT);
        assertThat(Ecosystem.ofPurl("rpm", "sles")).isEqualTo(Ecosystem.SUSE);
        assertThat(Ecosystem.ofPurl("rpm", "opensuse")).isEqualTo(Ecosystem.OPENSUSE);
        // syft names the namespace by the whole os-release ID
        assertThat(Ecosystem.ofPurl("rpm", "opensuse-leap")).isEqualTo(Ecosystem.OPENSUSE);
        assertThat(Ecosystem.ofPurl("rpm", "opensuse-tumbleweed")).isEqualTo(Ecosystem.OPENSUSE);
        assertThat(Ecosystem.ofPurl("rpm", "sle-micro")).isEqualTo(Ecosystem.SUSE);
        assertThat(Ecosystem.ofPurl("RPM", "Mageia")).isEqualTo(Ecosystem.MAGEIA);
        // OSV has no data of these: not compared rather than compared with another distribution's
        assertThat(Ecosystem.ofPurl("rpm", "fedora")).isNull();
        assertThat(Ecosystem.ofPurl("rpm", "amzn")).isNull();
        assertThat(Ecosystem.ofPurl("rpm", null)).isNull();
        assertThat(Ecosystem.ofPurl("apk", "alpine")).isEqualTo(Ecosystem.ALPINE);
        assertThat(Ecosystem.ofPurl("apk", null)).isEqualTo(Ecosystem.ALPINE);
        assertThat(Ecosystem.ofPurl("apk", "wolfi")).isEqualTo(Ecosystem.WOLFI);
        assertThat(Ecosystem.ofPurl("apk", "chainguard")).isEqualTo(Ecosystem.CHAINGUARD);
        assertThat(Ecosystem.ofPurl("apk", "postmarketos")).isNull();
        assertThat(Ecosystem.ofPurl("deb", "kali")).isEqualTo(Ecosystem.DEBIAN);
        assertThat(Ecosystem.ofOsv("Rocky Linux:9")).isEqualTo(Ecosystem.ROCKY_LINUX);
        assertThat(Ecosystem.ofOsv("Red Hat:enterprise_linux:9::appstream")).isEqualTo(Ecosystem.RED_HAT);
        assertThat(Ecosystem.ofOsv("SUSE:Linux Enterprise Server 15 SP5")).isEqualTo(Ecosystem.SUSE);
        assertThat(Ecosystem.ofOsv("Wolfi")).isEqualTo(Ecosystem.WOLFI);
    }

    @Test
    void aReleaseReadsTheSameFromAnOsvEcosystemAndFromOsRelease() {
        String[][] cases = {
            {"ROCKY_LINUX", "Rocky Linux:9", "rocky-9.3", "9"},
            {"ALMALINUX", "AlmaLinux:8", "almalinux-8.10", "8"},
            {"MAGEIA", "Mageia:9", "mageia-9", "9"},
            {"RED_HAT", "Red Hat:enterprise_linux:9::appstream", "rhel-9.4", "9"},
            {"RED_HAT", "Red Hat:enterprise_linux:8::baseos", "rhel-8.10", "8"},
            {"SUSE", "SUSE:Linux Enterprise Server 15 SP5", "sles-15.5", "15.5"},
            {"SUSE", "SUSE:Linux Enterprise Module for Basesystem 15 SP6", "sles-15.6", "15.6"},
            {"SUSE", "SUSE:Linux Enterprise Server 12 SP5-LTSS", "sles-12.5", "12.5"},
            {"SUSE", "SUSE:Linux Enterprise Micro 5.5", "sle-micro-5.5", "5.5"},
            {"OPENSUSE", "openSUSE:Leap 15.5", "opensuse-leap-15.5", "leap-15.5"},
            {"OPENSUSE", "openSUSE:Leap Micro 5.5", "opensuse-leap-micro-5.5", "leap-micro-5.5"},
            {"OPENSUSE", "openSUSE:Tumbleweed", "opensuse-tumbleweed-20240101", "tumbleweed"},
            {"DEBIAN", "Debian:12", "debian-12.5", "12"},
            {"UBUNTU", "Ubuntu:22.04:LTS", "ubuntu-22.04", "22.04"},
            {"ALPINE", "Alpine:v3.20", "alpine-3.20.3", "v3.20"}};
        for (String[] c : cases) {
            Ecosystem e = Ecosystem.valueOf(c[0]);
            assertThat(e.release(c[1])).as(c[1]).isEqualTo(c[3]);
            assertThat(e.releaseOfDistro(c[2])).as(c[2]).isEqualTo(c[3]);
        }
        // Red Hat's other streams (extended update support and so on) match no os-release
        assertThat(Ecosystem.RED_HAT.release("Red Hat:rhel_eus:9.2::baseos")).isEqualTo("rhel_eus:9.2::baseos");
        assertThat(Ecosystem.WOLFI.release("Wolfi")).isNull();
        assertThat(Ecosystem.ALPINE.releaseOfDistro("wolfi-20230201")).isNull();
        assertThat(Ecosystem.ROCKY_LINUX.releaseOfDistro(null)).isNull();
    }
}
