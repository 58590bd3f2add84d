package io.jenkins.plugins.integrity.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base image a manifest declares: read from umoci's real annotations, and nothing unverifiable. */
class BaseImageTest {
    private static final String ALPINE = "sha256:" + "4b".repeat(32);

    @TempDir
    Path dir;

    private static byte[] manifest(String annotations) {
        return ("{\"schemaVersion\": 2, \"annotations\": {" + annotations + "}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theBaseAnImageDeclaresIsItsNameAndDigest() throws Exception {
        Files.createDirectories(dir.resolve("rootfs/etc"));
        TestImage image = TestImage.create(dir, "1.0").layer(dir.resolve("rootfs")).config("--manifest.annotation",
                BaseImage.NAME + "=docker.io/library/alpine:3.20", "--manifest.annotation", BaseImage.DIGEST + "=" + ALPINE);
        Path index = image.layout().resolve("index.json");
        String manifestDigest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(index.toFile())
                .path("manifests").get(0).path("digest").asText();
        byte[] manifest = Files.readAllBytes(image.layout().resolve("blobs/sha256/" + manifestDigest.substring(7)));
        BaseImage base = BaseImage.declared(manifest);
        assertThat(base).isNotNull();
        assertThat(base.name()).isEqualTo("docker.io/library/alpine:3.20");
        assertThat(base.digest().toString()).isEqualTo(ALPINE);
    }

    @Test
    void aBaseWithoutADigestOrWithAForgedOneOrNoManifestDeclaresNothing() {
        assertThat(BaseImage.declared(manifest("\"" + BaseImage.NAME + "\": \"alpine:3.20\""))).isNull();
        assertThat(BaseImage.declared(manifest("\"" + BaseImage.NAME + "\": \"alpine:3.20\", \"" + BaseImage.DIGEST
                + "\": \"sha256:abc\""))).isNull();
        assertThat(BaseImage.declared(manifest("\"" + BaseImage.DIGEST + "\": \"" + ALPINE + "\""))).isNull();
        assertThat(BaseImage.declared(manifest(""))).isNull();
        assertThat(BaseImage.declared("not json".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(BaseImage.declared("[]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(BaseImage.declared(manifest("\"" + BaseImage.NAME + "\": \"" + "a".repeat(600) + "\", \""
                + BaseImage.DIGEST + "\": \"" + ALPINE + "\""))).isNull();
    }
}
