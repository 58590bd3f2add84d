package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.oci.Tools;
import io.jenkins.plugins.integrity.provenance.ProvenanceVerifier;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provenance} for a file and an image in a registry, signed with an openssl key, and its bad inputs. */
class ProvenanceCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        Tools.run(dir, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "k.pub");
    }

    @Test
    void signedProvenanceOfAFileAndAnImageCoversBothByDigest() throws Exception {
        Path jar = Files.writeString(dir.resolve("app.jar"), "the artifact");
        Path sbom = Files.writeString(dir.resolve("bom.cdx.json"), "{\"bomFormat\":\"CycloneDX\"}");
        try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(dir.resolve("registry"), null, null)) {
            Path rootfs = dir.resolve("rootfs");
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/hostname"), "app");
            io.jenkins.plugins.integrity.oci.TestImage.create(dir, "1").layer(rootfs)
                    .push(registry.address() + "/team/app:1.0");
            Path out = dir.resolve("provenance.intoto.jsonl");
            CliRun r = CliRun.of("provenance", "--subject", jar.toString(), "--subject", registry.address()
                    + "/team/app:1.0", "--builder-id", "https://jenkins.example.com/", "--invocation-id",
                    "https://jenkins.example.com/job/app/7/", "--source-uri", "git+https://git.example.com/app.git@main",
                    "--source-commit", "0123456789abcdef0123456789abcdef01234567", "--parameter", "job=app",
                    "--byproduct", sbom.toString(), "--started-on", "2026-12-01T10:00:00Z", "--key",
                    dir.resolve("k.pem").toString(), "--output", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("provenance of 2 subjects, signed");
            var v = ProvenanceVerifier.verify(Files.readAllBytes(out), List.of(PublicKeys.fromPem(Files.readString(
                    dir.resolve("k.pub")))));
            assertThat(v.covers(ProvenanceCommand.sha256(jar))).isTrue();
            JsonNode image = v.statement().path("subject").get(1);
            assertThat(image.path("name").asText()).isEqualTo(registry.address() + "/team/app");
            assertThat(image.path("digest").path("sha256").asText()).matches("[0-9a-f]{64}");
            JsonNode predicate = v.predicate();
            assertThat(predicate.path("buildDefinition").path("externalParameters").path("job").asText()).isEqualTo("app");
            assertThat(predicate.path("buildDefinition").path("resolvedDependencies").get(0).path("digest")
                    .path("gitCommit").asText()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
            assertThat(predicate.path("runDetails").path("byproducts").get(0).path("digest").path("sha256").asText())
                    .isEqualTo(ProvenanceCommand.sha256(sbom));
        }
    }

    @Test
    void badSubjectsAndTimesExitTwo() {
        CliRun missing = CliRun.of("provenance", "--subject", dir.resolve("missing.jar").toString(), "--builder-id",
                "https://b/", "--output", dir.resolve("p.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("missing.jar");
        assertThat(Files.exists(dir.resolve("p.json"))).isFalse();
        CliRun time = CliRun.of("provenance", "--subject", dir.toString() + "/k.pem", "--builder-id", "https://b/",
                "--started-on", "yesterday", "--output", dir.resolve("q.json").toString());
        assertThat(time.code()).isEqualTo(2);
        assertThat(time.err()).contains("--started-on");
        assertThat(dir.resolve("q.json")).doesNotExist();
    }
}
