package io.jenkins.plugins.integrity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.oci.ImageConfig;
import io.jenkins.plugins.integrity.oci.ImageSources;
import io.jenkins.plugins.integrity.oci.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each image configuration rule both ways, on configurations umoci wrote and on a hand-written one. */
class ImageConfigCheckTest {
    @TempDir
    Path dir;

    private List<String> rules(String configJson) {
        ImageConfig c = ImageConfig.parse(("{\"rootfs\": {\"type\": \"layers\", \"diff_ids\": []}, \"config\": " + configJson
                + "}").getBytes(StandardCharsets.UTF_8));
        return ImageConfigCheck.check("registry.example.com/app:1", c).stream().map(Finding::rule).toList();
    }

    @Test
    void eachRuleBothWays() {
        String clean = "{\"User\": \"10001\", \"ExposedPorts\": {\"8080/tcp\": {}}, \"Entrypoint\": [\"java\", \"-jar\","
                + " \"/app.jar\"], \"Env\": [\"PATH=/usr/bin\"], \"Labels\": {\"org.opencontainers.image.base.name\":"
                + " \"eclipse-temurin:21\", \"org.opencontainers.image.base.digest\": \"sha256:" + "a".repeat(64) + "\"}}";
        assertThat(rules(clean)).isEmpty();
        assertThat(rules(clean.replace("\"User\": \"10001\"", "\"User\": \"\""))).containsExactly("image-user-root");
        assertThat(rules(clean.replace("\"User\": \"10001\"", "\"User\": \"root:root\""))).containsExactly(
                "image-user-root");
        assertThat(rules(clean.replace("\"8080/tcp\": {}", "\"8080/tcp\": {}, \"22/tcp\": {}"))).containsExactly(
                "image-ssh-port");
        assertThat(rules(clean.replace("[\"java\", \"-jar\", \"/app.jar\"]", "[\"/bin/sh\", \"-c\", \"java -jar /app.jar\"]")))
                .containsExactly("image-shell-entrypoint");
        assertThat(rules(clean.replace("\"PATH=/usr/bin\"", "\"PATH=/usr/bin\", \"DB_PASSWORD=" + "hunter" + "2\"")))
                .containsExactly("image-secret-in-env");
        assertThat(rules(clean.replace("\"PATH=/usr/bin\"", "\"PATH=/usr/bin\", \"DB_PASSWORD=\""))).as("no value").isEmpty();
        assertThat(rules(clean.replace(", \"org.opencontainers.image.base.digest\": \"sha256:" + "a".repeat(64) + "\"", "")))
                .containsExactly("image-base-unpinned");
    }

    @Test
    void anImageUmociBuiltIsCheckedBesideTheFilesAndNamesItsSecretsNever() throws Exception {
        Files.createDirectories(dir.resolve("rootfs/etc"));
        String value = "s3cr3t-" + "value-not-to-print";
        TestImage image = TestImage.create(dir, "1.0").layer(dir.resolve("rootfs")).config("--config.exposedports", "22/tcp",
                "--config.env", "SERVICE_API_KEY=" + value, "--config.entrypoint", "sh", "--config.entrypoint", "-c");
        ImageConfig config;
        try (var source = ImageSources.open(image.oci(), ImageSources.Options.defaults())) {
            config = source.image().config();
        }
        CheckResult r = DeployCheck.check(List.of(), Map.of("oci:app", config), null, dir, List.of(), Gate.failOn(Severity.HIGH));
        assertThat(r.findings()).extracting(Finding::rule).containsExactlyInAnyOrder("image-user-root", "image-ssh-port",
                "image-secret-in-env", "image-shell-entrypoint");
        assertThat(r.findings().toString()).doesNotContain(value);
        assertThat(r.metrics()).containsEntry("images", 1L);
        assertThat(r.summary()).contains("0 deployment files and 1 image");
    }
}
