package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.oci.TestImage;
import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sbom --image} on an OCI layout that umoci builds from this machine's dpkg database and an sshd. */
class SbomImageCommandTest {
    @TempDir
    static Path dir;
    static String image;

    @BeforeAll
    static void build() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("var/lib/dpkg"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("usr/sbin"));
        Files.copy(Path.of("/var/lib/dpkg/status"), rootfs.resolve("var/lib/dpkg/status"));
        Files.copy(Path.of("/etc/os-release"), rootfs.resolve("etc/os-release"));
        Files.writeString(rootfs.resolve("usr/sbin/sshd"), "#!/bin/sh\n");
        Tools.run(dir, "chmod", "755", rootfs.resolve("usr/sbin/sshd").toString());
        image = "oci:" + TestImage.create(dir, "v1").layer(rootfs).config("--config.user", "1000").ref();
    }

    @Test
    void writesTheImageSbomAndFailsOnAnSshServer() throws Exception {
        Path out = dir.resolve("out/bom.json");
        Path report = dir.resolve("out/sbom.sarif");
        CliRun r = CliRun.of("sbom", "--image", image, "--output", out.toString(), "--report", report.toString(),
                "--report-format", "sarif");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("sbom: FAIL").contains("image/ssh-server-binary usr/sbin/sshd");
        JsonNode bom = new ObjectMapper().readTree(out.toFile());
        assertThat(bom.path("metadata").path("component").path("type").asText()).isEqualTo("container");
        assertThat(bom.path("components").size()).isGreaterThan(50);
        assertThat(Files.readString(report)).contains("image/ssh-server-binary");
        CliRun lenient = CliRun.of("sbom", "--image", image, "--output", out.toString(), "--fail-on", "NONE");
        assertThat(lenient.code()).isZero();
        assertThat(lenient.out()).contains("sbom: WARN");
    }

    @Test
    void deniedPackagesFailTheDirectorySbomToo() throws Exception {
        CliRun r = CliRun.of("sbom", "--dir", dir.resolve("rootfs").toString(), "--deny-package", "bash");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("sbom/denied-package");
        assertThat(new ObjectMapper().readTree(r.out()).path("bomFormat").asText()).isEqualTo("CycloneDX");
    }

    @Test
    void anArchiveOfTheRootFileSystemIsReadInPlace() throws Exception {
        Path tgz = dir.resolve("rootfs.tar.gz");
        Tools.run(dir.resolve("rootfs"), "tar", "-czf", tgz.toString(), ".");
        CliRun r = CliRun.of("sbom", "--archive", tgz.toString(), "--deny-package", "bash");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("sbom/denied-package var/lib/dpkg/status");
        assertThat(new ObjectMapper().readTree(r.out()).path("components").size()).isGreaterThan(50);
    }

    @Test
    void badImageReferencesAndPlatformsExitTwo() {
        assertThat(CliRun.of("sbom", "--image", "Bad/Name").code()).isEqualTo(2);
        assertThat(CliRun.of("sbom", "--image", image, "--platform", "linux").code()).isEqualTo(2);
        CliRun missing = CliRun.of("sbom", "--image", "oci:" + dir.resolve("nothing"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such directory");
        assertThat(CliRun.of("sbom", "--image", image, "--dir", dir.toString()).code()).isEqualTo(2);
    }
}
