package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as users do: {@code java -jar pipeline-integrity.jar ...}. */
class CliJarIT {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result java(String... args) throws Exception {
        return javaWithInput(null, args);
    }

    /** The jar run with this file as its standard input (or none). */
    private Result javaWithInput(Path input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaCommand(), "-jar", System.getProperty("cliJar")));
        cmd.addAll(List.of(args));
        return run(input, cmd);
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A command run in the test's directory, its output and errors kept apart in files. */
    private Result run(Path input, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (input != null) {
            pb.redirectInput(input.toFile());
        }
        Process p = pb.directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", cmd.get(0)).isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
    }

    @Test
    void checkDeployReadsRenderedManifestsFromStandardInput() throws Exception {
        Path rendered = Files.writeString(dir.resolve("rendered"), "---\n# Source: web/templates/pod.yaml\n"
                + "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  automountServiceAccountToken: false\n"
                + "  hostNetwork: true\n");
        Result r = javaWithInput(rendered, "check-deploy", "-", "--format", "sarif");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("\"ruleId\" : \"k8s-host-namespace\"").contains("\"uri\" : \"stdin\"");
        Path binary = Files.write(dir.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
        Result bad = javaWithInput(binary, "check-deploy", "-");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("stdin").contains("not UTF-8");
    }

    @Test
    void theJarRunsAndPrintsItsVersion() throws Exception {
        Result r = java("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).matches("pipeline-integrity \\d+\\.\\d+\\.\\d+.*\\s*");
    }

    @Test
    void auditOfAWorkspaceWithAPlantedKeyFailsAndRedacts() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        String key = "AKIA" + "Q3EGRKGZ4UDX" + "XQ7T";
        Files.writeString(ws.resolve("deploy.properties"), "aws.accessKeyId=" + key + "\n");
        Result r = java("audit", "ws", "--output", "report");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("aws-access-key-id").contains("deploy.properties:1:17")
                .contains("report: report/report.html").doesNotContain(key);
        String html = Files.readString(dir.resolve("report/report.html"));
        assertThat(html).contains("aws-access-key-id").doesNotContain(key);
    }

    /** The README's quick start: this repository audits clean with its own configuration. */
    @Test
    void thisRepositoryAuditsCleanWithItsOwnConfiguration() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Result r = java("audit", repo.toString(), "--config", repo.resolve(".pipeline-integrity.toml").toString(),
                "--exclude", "**/target/", "--output", dir.resolve("self").toString());
        assertThat(r.out()).startsWith("secrets: PASS - no secrets found in ");
        assertThat(r.code()).isZero();
    }

    @Test
    void theLauncherScriptRunsTheJarBesideIt() throws Exception {
        Result r = run(null, List.of("sh", System.getProperty("cliLauncher"), "--version"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).matches("pipeline-integrity \\d+\\.\\d+\\.\\d+.*\\s*");
    }

    /** -Xshare:on makes the JVM fail unless it can map the archive: the build's archive fits the build's jar. */
    @Test
    void theClassDataArchiveFitsTheJar() throws Exception {
        Path archive = Path.of(System.getProperty("cliJar")).resolveSibling("pipeline-integrity.jsa");
        assertThat(archive).isRegularFile();
        Result r = run(null, List.of(javaCommand(), "-XX:SharedArchiveFile=" + archive, "-Xshare:on",
                "-Xlog:class+load=info", "-jar", System.getProperty("cliJar"), "--version"));
        assertThat(r.code()).as(r.err()).isZero();
        // picocli too: its classes are of Java 5's format, which only a static archive holds in Java 17
        assertThat(r.out()).contains("io.jenkins.plugins.integrity.cli.Main source: shared objects file")
                .contains("picocli.CommandLine source: shared objects file");
    }

    /** An archive the JVM cannot use (here: the jar changed after it was made) is dropped without a word. */
    @Test
    void theLauncherIgnoresAStaleArchiveQuietly() throws Exception {
        Path target = Path.of(System.getProperty("cliJar")).getParent();
        Path copy = Files.createDirectories(dir.resolve("copy"));
        for (String name : List.of("pipeline-integrity", "pipeline-integrity.jar", "pipeline-integrity.jsa")) {
            Files.copy(target.resolve(name), copy.resolve(name));
        }
        Result r = run(null, List.of("sh", copy.resolve("pipeline-integrity").toString(), "--version"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).matches("pipeline-integrity \\d+\\.\\d+\\.\\d+.*\\s*");
        assertThat(r.err()).isEmpty();
    }

    /** An error of the JVM itself is an internal error (exit 3), never taken for a failed policy (exit 1). */
    @Test
    void runningOutOfStackExitsThree() throws Exception {
        Files.writeString(dir.resolve("app.properties"), "server.port=8080\n");
        Result r = run(null, List.of(javaCommand(), "-Xss256k", "-jar", System.getProperty("cliJar"), "scan-secrets",
                "."));
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).startsWith("pipeline-integrity: internal error: java.lang.StackOverflowError")
                .contains("a larger -Xss may help");
    }

    @Test
    void unreadableInputExitsTwo() throws IOException, Exception {
        Result r = java("scan-secrets", "does-not-exist");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("pipeline-integrity: does-not-exist: no such file or directory");
    }
}
