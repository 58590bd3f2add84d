package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drift snapshot} and {@code drift check} on a copy of the JENKINS_HOME a real Jenkins wrote. */
class DriftCommandTest {
    static final Path FIXTURE = Path.of("../core/src/test/resources/io/jenkins/plugins/integrity/drift/jenkins-home");
    @TempDir
    static Path dir;
    static Path home;

    @BeforeAll
    static void setUp() throws Exception {
        home = dir.resolve("jenkins-home");
        try (Stream<Path> s = Files.walk(FIXTURE)) {
            for (Path p : s.toList()) {
                Path t = home.resolve(FIXTURE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        Tools.run(dir, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "k.pub");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "o.pem");
        Tools.run(dir, "openssl", "pkey", "-in", "o.pem", "-pubout", "-out", "o.pub");
    }

    @Test
    void aSignedBaselineThenAnInitScriptIsHighDriftAndAnotherKeyIsRefused() throws Exception {
        Path baseline = dir.resolve("baseline.dsse.json");
        CliRun snap = CliRun.of("drift", "snapshot", "--jenkins-home", home.toString(), "--output", baseline.toString(),
                "--key", dir.resolve("k.pem").toString());
        assertThat(snap.code()).as(snap.err()).isZero();
        assertThat(snap.out()).contains("Jenkins 2.516.2").contains("signed");
        CliRun same = CliRun.of("drift", "check", "--jenkins-home", home.toString(), "--baseline", baseline.toString(),
                "--key", dir.resolve("k.pub").toString(), "--fail-on", "CRITICAL");
        assertThat(same.code()).as(same.out()).isZero();
        assertThat(same.out()).contains("0 drifts from the baseline");
        Files.writeString(home.resolve("init.groovy.d/added.groovy"), "println 'added after the baseline'");
        try {
            CliRun drifted = CliRun.of("drift", "check", "--jenkins-home", home.toString(), "--baseline",
                    baseline.toString(), "--key", dir.resolve("k.pub").toString(), "--format", "json");
            assertThat(drifted.code()).isEqualTo(1);
            assertThat(drifted.out()).contains("drift-init-script-added").contains("\"severity\" : \"HIGH\"")
                    .doesNotContain("{AQAA");
        } finally {
            Files.delete(home.resolve("init.groovy.d/added.groovy"));
        }
        CliRun otherKey = CliRun.of("drift", "check", "--jenkins-home", home.toString(), "--baseline",
                baseline.toString(), "--key", dir.resolve("o.pub").toString());
        assertThat(otherKey.code()).isEqualTo(2);
        assertThat(otherKey.err()).contains("baseline.dsse.json").contains("refused").contains("does not verify");
    }

    @Test
    void withoutABaselineTheHardeningReportFailsOnHigh() {
        CliRun r = CliRun.of("drift", "check", "--jenkins-home", home.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("hardening-authenticated-administer").contains("hardening-dangerous-approval")
                .contains("no baseline: hardening only");
    }

    @Test
    void aPinnedPlainBaselineAndBadInputs() throws Exception {
        Path plain = dir.resolve("plain.json");
        assertThat(CliRun.of("drift", "snapshot", "--jenkins-home", home.toString(), "--output", plain.toString())
                .code()).isZero();
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(plain)));
        assertThat(CliRun.of("drift", "check", "--jenkins-home", home.toString(), "--baseline", plain.toString(),
                "--baseline-sha256", sha, "--fail-on", "NONE").code()).isZero();
        CliRun wrongPin = CliRun.of("drift", "check", "--jenkins-home", home.toString(), "--baseline", plain.toString(),
                "--baseline-sha256", "0".repeat(64));
        assertThat(wrongPin.code()).isEqualTo(2);
        assertThat(wrongPin.err()).contains("not the pinned");
        CliRun notHome = CliRun.of("drift", "check", "--jenkins-home", dir.toString());
        assertThat(notHome.code()).isEqualTo(2);
        assertThat(notHome.err()).contains("has no config.xml");
        assertThat(CliRun.of("drift", "check", "--jenkins-home", home.toString(), "--key", "k.pub").code()).isEqualTo(2);
        assertThat(CliRun.of("drift").code()).isEqualTo(2);
    }

    @Test
    void aJcascFileIsPlannedAgainstTheHome() throws Exception {
        Path yaml = Files.writeString(dir.resolve("jenkins.yaml"), """
                jenkins:
                  authorizationStrategy: unsecured
                  crumbIssuer:
                    standard:
                      excludeClientIPFromCrumb: true
                """);
        CliRun r = CliRun.of("drift", "check", "--jenkins-home", home.toString(), "--casc", yaml.toString(),
                "--format", "json", "--fail-on", "NONE");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("casc-plan-authorization-changed").contains("casc-plan-administer-granted")
                .contains("re-applying jenkins.yaml would change");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "jenkins: [");
        CliRun bad = CliRun.of("drift", "check", "--jenkins-home", home.toString(), "--casc", broken.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("broken.yaml").contains("not YAML");
    }
}
