package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-deploy on a workspace with a root Dockerfile and a privileged Deployment; allowances; bad YAML. */
class CheckDeployCommandTest {
    @TempDir
    Path dir;

    @Test
    void aRootDockerfileAndAPrivilegedDeploymentFailWithTheirPlaces() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM eclipse-temurin:21\nCOPY app.jar /app.jar\n"
                + "ENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n");
        Files.createDirectories(dir.resolve("k8s"));
        Files.writeString(dir.resolve("k8s/deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: service}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: registry.example.com/team/service:1.0
                          securityContext: {privileged: true}
                """);
        CliRun r = CliRun.of("check-deploy", dir.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("CRITICAL").contains("k8s-privileged-container")
                .contains("Deployment/service (document 1, spec.template.spec.containers[0].securityContext.privileged)")
                .contains("dockerfile-user-root").contains("dockerfile-base-unpinned")
                .contains("deployment.yaml:10");
        CliRun sarif = CliRun.of("check-deploy", dir.toString(), "--format", "sarif");
        assertThat(sarif.out()).contains("\"ruleId\" : \"k8s-privileged-container\"");
        CliRun allowed = CliRun.of("check-deploy", dir.resolve("k8s").toString(), "--allow", "*:**", "--format", "json");
        assertThat(allowed.code()).isZero();
        assertThat(allowed.out()).contains("\"allowed\"");
        CliRun badAllow = CliRun.of("check-deploy", dir.toString(), "--allow", "nope");
        assertThat(badAllow.code()).isEqualTo(2);
    }

    @Test
    void aBuiltImagesConfigurationIsCheckedToo() throws Exception {
        Files.createDirectories(dir.resolve("rootfs/etc"));
        var image = io.jenkins.plugins.integrity.oci.TestImage.create(dir, "1.0").layer(dir.resolve("rootfs"))
                .config("--config.exposedports", "22/tcp", "--config.user", "app");
        CliRun r = CliRun.of("check-deploy", "--image", "oci:" + image.ref(), "--format", "json");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("\"rule\" : \"image-ssh-port\"").doesNotContain("image-user-root")
                .contains("1 image");
        CliRun missing = CliRun.of("check-deploy", "--image", "oci:" + dir.resolve("nowhere") + ":1.0");
        assertThat(missing.code()).isEqualTo(2);
    }

    @Test
    void invalidYamlIsAnInputErrorNamingTheFile() throws Exception {
        Path f = Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: Pod\nkind: Pod\n");
        CliRun r = CliRun.of("check-deploy", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("broken.yaml").contains("twice");
    }
}
