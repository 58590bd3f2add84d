package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.oci.CraftedLayout;
import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives read in place: a root file system tarred by GNU tar, a release zipped by the JDK's jar tool. */
class ArchiveSbomTest {
    @TempDir
    Path dir;
    Path rootfs;

    @BeforeEach
    void rootfs() throws Exception {
        rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("var/lib/dpkg"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("opt/app/lib"));
        Files.copy(Path.of("/var/lib/dpkg/status"), rootfs.resolve("var/lib/dpkg/status"));
        Files.copy(Path.of("/etc/os-release"), rootfs.resolve("etc/os-release"));
        Files.copy(Path.of(org.apache.commons.codec.digest.DigestUtils.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()), rootfs.resolve("opt/app/lib/commons-codec.jar"));
        Files.writeString(rootfs.resolve("opt/app/package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": {"
                + "\"node_modules/lodash\": {\"version\": \"4.17.21\"}}}");
    }

    private static List<String> purls(SbomGenerator.Sbom sbom) {
        return sbom.components().stream().map(Component::purl).toList();
    }

    @Test
    void aTarGzOfARootFileSystemGivesWhatTheDirectoryGives() throws Exception {
        Path tgz = dir.resolve("rootfs.tar.gz");
        Tools.run(rootfs, "tar", "-czf", tgz.toString(), ".");
        Path tar = dir.resolve("rootfs.tar");
        Tools.run(rootfs, "tar", "-cf", tar.toString(), "etc", "var", "opt");
        List<String> fromDir = purls(new SbomGenerator().fromDirectory(rootfs));
        assertThat(fromDir).hasSizeGreaterThan(50).contains("pkg:npm/lodash@4.17.21");
        assertThat(fromDir).anySatisfy(p -> assertThat(p).startsWith("pkg:deb/").contains("distro="));
        assertThat(purls(new SbomGenerator().fromArchive(tgz))).containsExactlyInAnyOrderElementsOf(fromDir);
        assertThat(purls(new SbomGenerator().fromArchive(tar))).containsExactlyInAnyOrderElementsOf(fromDir);
    }

    @Test
    void aZipMadeByTheJarToolIsRead() throws Exception {
        Path zip = dir.resolve("release.zip");
        Tools.run(rootfs.resolve("opt"), "jar", "--create", "--no-manifest", "--file", zip.toString(), "app");
        assertThat(purls(new SbomGenerator().fromArchive(zip))).contains("pkg:npm/lodash@4.17.21")
                .anySatisfy(p -> assertThat(p).startsWith("pkg:maven/commons-codec/commons-codec@"));
    }

    @Test
    void hostileArchivesAreRefusedNamingThem() throws Exception {
        Path escape = dir.resolve("escape.tar");
        Files.write(escape, CraftedLayout.tar("app/../../etc/passwd", "x"));
        assertThatThrownBy(() -> new SbomGenerator().fromArchive(escape)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("escape.tar").hasMessageContaining("climbs out of the root");
        Path tgz = dir.resolve("cut.tar.gz");
        Tools.run(rootfs, "tar", "-czf", tgz.toString(), ".");
        byte[] all = Files.readAllBytes(tgz);
        Files.write(tgz, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> new SbomGenerator().fromArchive(tgz)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cut.tar.gz");
        assertThatThrownBy(() -> new SbomGenerator().fromArchive(dir.resolve("none.tar")))
                .hasMessageContaining("no such file");
    }
}
