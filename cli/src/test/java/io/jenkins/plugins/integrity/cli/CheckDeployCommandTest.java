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
        CliRun arm = CliRun.of("check-deploy", "--image", "oci:" + image.ref(), "--platform", "linux/arm64/v8",
                "--format", "json");
        assertThat(arm.code()).as(arm.err()).isEqualTo(1);
        assertThat(arm.out()).contains("\"rule\" : \"image-ssh-port\"");
        CliRun badPlatform = CliRun.of("check-deploy", "--image", "oci:" + image.ref(), "--platform", "no/such/thing/x");
        assertThat(badPlatform.code()).isEqualTo(2);
        assertThat(badPlatform.err()).contains("--platform");
    }

    @Test
    void theImagesAManifestNamesMustBeSignedWhenAKeyIsGiven() throws Exception {
        try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(dir.resolve("registry"), null, null)) {
            for (String tag : new String[] {"signed", "unsigned"}) {
                Path rootfs = Files.createDirectories(dir.resolve("rootfs-" + tag + "/etc"));
                Files.writeString(rootfs.resolve("hostname"), tag);
                io.jenkins.plugins.integrity.oci.TestImage.create(dir, tag).layer(rootfs.getParent())
                        .push(registry.address() + "/team/app:" + tag);
            }
            io.jenkins.plugins.integrity.oci.Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-out", "ci.pem");
            io.jenkins.plugins.integrity.oci.Tools.run(dir, "openssl", "pkey", "-in", "ci.pem", "-pubout", "-out",
                    "ci.pub");
            CliRun sign = CliRun.of("sign", "--image", registry.address() + "/team/app:signed", "--key",
                    dir.resolve("ci.pem").toString());
            assertThat(sign.code()).as(sign.err()).isZero();
            Path k8s = Files.createDirectories(dir.resolve("k8s"));
            Files.writeString(k8s.resolve("app.yaml"), """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: app}
                    spec:
                      containers:
                        - name: app
                          image: %s/team/app:%s
                    """.formatted(registry.address(), "signed"));
            String key = dir.resolve("ci.pub").toString();
            CliRun ok = CliRun.of("check-deploy", k8s.toString(), "--key", key, "--format", "json");
            assertThat(ok.out()).contains("\"signedImages\" : 1").doesNotContain("k8s-image-unsigned");
            Files.writeString(k8s.resolve("app.yaml"), Files.readString(k8s.resolve("app.yaml")).replace(":signed",
                    ":unsigned"));
            CliRun bad = CliRun.of("check-deploy", k8s.toString(), "--key", key);
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.out()).contains("k8s-image-unsigned").contains("app.yaml:7").contains("MISSING_BUNDLE");
            CliRun outOfScope = CliRun.of("check-deploy", k8s.toString(), "--key", key, "--signed-images",
                    "registry.example.com/**", "--format", "json");
            assertThat(outOfScope.out()).doesNotContain("k8s-image-unsigned").contains("\"imagesOutOfScope\" : 1");
            CliRun denied = CliRun.of("check-deploy", k8s.toString(), "--key", key, "--signed-images",
                    "registry.example.com/**", "--deny-other-images");
            assertThat(denied.code()).isEqualTo(1);
            assertThat(denied.out()).contains("k8s-image-unsigned").contains("others are denied");
            assertThat(CliRun.of("check-deploy", k8s.toString(), "--key", key, "--deny-other-images").code())
                    .isEqualTo(2);
            CliRun noKey = CliRun.of("check-deploy", k8s.toString(), "--signed-images", "registry.example.com/**");
            assertThat(noKey.code()).isEqualTo(2);
            assertThat(noKey.err()).contains("--signed-images needs --key");
        }
    }

    @Test
    void theAuditChecksTheDeploymentConfigurationWithItsExcludes() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(work.resolve("k8s"));
        Files.writeString(work.resolve("k8s/pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                + "  automountServiceAccountToken: false\n  hostPID: true\n");
        CliRun r = CliRun.of("audit", work.toString(), "--output", dir.resolve("report").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("deploy: FAIL").contains("k8s-host-namespace").contains("k8s/pod.yaml:6");
        CliRun excluded = CliRun.of("audit", work.toString(), "--exclude", "k8s/", "--output", dir.resolve("report2")
                .toString());
        assertThat(excluded.out()).contains("deploy: PASS - no finding in 0 deployment files");
    }

    @Test
    void invalidYamlIsAnInputErrorNamingTheFile() throws Exception {
        Path f = Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: Pod\nkind: Pod\n");
        CliRun r = CliRun.of("check-deploy", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("broken.yaml").contains("twice");
    }
}
