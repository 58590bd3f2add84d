package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScannerTest {
    @TempDir Path dir;
    private final SecretScanner scanner = new SecretScanner(RuleSet.builtIn());
    private final Tokens tokens = new Tokens(42);

    private CheckResult scan(ScanRequest request) {
        return scanner.scan(request);
    }

    private ScanRequest request() {
        return ScanRequest.of(List.of(dir), dir);
    }

    private String githubToken() {
        return Tokens.join("ghp_", tokens.alnum(36));
    }

    /** An Azure AD access token is 2 to 4 KiB: found whole, in a file and base64-encoded in a Kubernetes Secret. */
    @Test
    void tokensOfSeveralKibibytesAreFound() throws IOException {
        String header = Tokens.base64url("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}");
        String claims = Tokens.base64url("{\"aud\":\"https://management.azure.com\",\"groups\":[\""
                + String.join("\",\"", java.util.stream.IntStream.range(0, 40).mapToObj(i -> tokens.of(Tokens.HEX, 32))
                        .toList()) + "\"]}");
        String jwt = Tokens.join(header, ".", claims, ".", tokens.of(Tokens.URLSAFE, 342));
        assertThat(jwt.length()).isGreaterThan(2048);
        Files.writeString(dir.resolve("azure.env"), "AZURE_TOKEN=" + jwt + "\n");
        Files.writeString(dir.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: azure\n"
                + "data:\n  token: " + java.util.Base64.getEncoder().encodeToString(jwt.getBytes(StandardCharsets.UTF_8))
                + "\n");
        CheckResult r = scan(request());
        assertThat(r.findings()).extracting(f -> f.rule() + " " + f.location())
                .containsExactly("jwt azure.env:1:13", "jwt secret.yaml:6:10");
        assertThat(r.findings().toString()).doesNotContain(jwt.substring(jwt.length() - 40));
    }

    @Test
    void cleanTreePassesAndSaysWhatItLookedAt() throws IOException {
        Files.writeString(dir.resolve("app.properties"), "server.port=8080\n");
        CheckResult r = scan(request());
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.findings()).isEmpty();
        assertThat(r.summary()).isEqualTo("no secrets found in 1 file");
        assertThat(r.metrics()).containsEntry("filesScanned", 1L).containsEntry("bytesScanned", 17L);
    }

    @Test
    void findingFailsAtTheGateAndReportsRelativeLocation() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("ci.env"), "# ci\nTOKEN=" + githubToken() + "\n");
        CheckResult r = scan(request());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("github-pat");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.location().toString()).isEqualTo("conf/ci.env:2:7");
        });
        assertThat(r.summary()).isEqualTo("1 secret found in 1 file (1 CRITICAL)");
    }

    @Test
    void findingBelowTheGateWarnsAndNoneGateNeverFails() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "password: " + tokens.alnum(14) + "\n");
        assertThat(scan(request().withGate(Gate.failOn(Severity.HIGH))).status()).isEqualTo(Status.WARN);
        assertThat(scan(request().withGate(Gate.NEVER)).status()).isEqualTo(Status.WARN);
        assertThat(scan(request().withGate(Gate.failOn(Severity.MEDIUM))).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void skipsBinaryFilesButNotUtf16Text() throws IOException {
        String token = githubToken();
        byte[] binary = ("\0\0\0" + token).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("blob.bin"), binary);
        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(new byte[] {(byte) 0xff, (byte) 0xfe});
        utf16.write(("key=" + token).getBytes(StandardCharsets.UTF_16LE));
        Files.write(dir.resolve("win.ini"), utf16.toByteArray());
        CheckResult r = scan(request());
        assertThat(r.metrics()).containsEntry("filesSkippedBinary", 1L);
        assertThat(r.findings()).extracting(f -> f.location().file()).containsExactly("win.ini");
    }

    @Test
    void findsTokensAmongInvalidUtf8AndLatin1Bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xe9, '\n', (byte) 0xff, (byte) 0xfe, (byte) 0xfd, ' '});
        out.write(githubToken().getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("mixed.cfg"), out.toByteArray());
        CheckResult r = scan(request());
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("github-pat");
            assertThat(f.location().line()).isEqualTo(2);
            assertThat(f.location().column()).isEqualTo(5);
        });
    }

    @Test
    void reportsFileTooLargeInsteadOfPassing() throws IOException {
        Files.writeString(dir.resolve("big.log"), "x".repeat(5000));
        CheckResult r = scan(request().withMaxFileBytes(1000).withGate(Gate.failOn(Severity.HIGH)));
        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(SecretScanner.RULE_TOO_LARGE);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.location().file()).isEqualTo("big.log");
        });
        assertThat(r.summary()).isEqualTo("no secrets found in 0 files; 1 file not scanned");
    }

    @Test
    void reportsAFileThatVanishedDuringTheScanAsUnreadable() throws IOException {
        Files.writeString(dir.resolve("here.txt"), "ok\n");
        Files.writeString(dir.resolve("gone.txt"), "ok\n");
        ScanRequest request = request().withGate(Gate.failOn(Severity.HIGH));
        FileWalker.Walk walk = new FileWalker(request).walk();
        Files.delete(dir.resolve("gone.txt"));
        CheckResult r = scanner.scan(walk, request, new ScanMonitor());
        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.findings()).extracting(Finding::rule, f -> f.location().file())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SecretScanner.RULE_UNREADABLE, "gone.txt"));
        assertThat(r.metrics()).containsEntry("filesUnreadable", 1L).containsEntry("filesScanned", 1L);
    }

    @Test
    void doesNotFollowSymlinksOutOfTheTreeNorLoop() throws IOException {
        Path outside = Files.createTempFile("outside", ".env");
        try {
            Files.writeString(outside, "TOKEN=" + githubToken() + "\n");
            Files.createSymbolicLink(dir.resolve("link.env"), outside);
            Path sub = Files.createDirectories(dir.resolve("sub"));
            Files.createSymbolicLink(sub.resolve("loop"), dir);
            Files.writeString(sub.resolve("ok.txt"), "nothing\n");
            CheckResult r = scan(request());
            assertThat(r.findings()).isEmpty();
            assertThat(r.metrics()).containsEntry("symlinksSkipped", 2L).containsEntry("filesScanned", 1L);
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void ignoresNamedPipesInsteadOfBlockingOnThem() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Files.writeString(dir.resolve("ok.txt"), "nothing\n");
        assertThat(scan(request()).metrics()).containsEntry("filesScanned", 1L);
    }

    @Test
    void includeAndExcludeGlobsSelectFiles() throws IOException {
        String token = githubToken();
        Files.createDirectories(dir.resolve("src/main"));
        Files.createDirectories(dir.resolve("node_modules/lib"));
        Files.writeString(dir.resolve("root.yml"), token);
        Files.writeString(dir.resolve("src/main/app.yml"), token);
        Files.writeString(dir.resolve("src/main/app.txt"), token);
        Files.writeString(dir.resolve("node_modules/lib/x.yml"), token);
        CheckResult r = scan(request().withIncludes(List.of(new Glob("**/*.yml")))
                .withExcludes(List.of(new Glob("node_modules/"))));
        assertThat(r.findings()).extracting(f -> f.location().file())
                .containsExactly("root.yml", "src/main/app.yml");
    }

    @Test
    void skipsGitDirectories() throws IOException {
        Files.createDirectories(dir.resolve(".git/objects"));
        Files.writeString(dir.resolve(".git/config"), "url = https://ci:" + tokens.alnum(16) + "@git.local/x\n");
        assertThat(scan(request()).findings()).isEmpty();
    }

    @Test
    void manyFilesScannedInParallelGiveASortedDeterministicResult() throws IOException {
        for (int i = 0; i < 200; i++) {
            Files.writeString(dir.resolve(String.format("f%03d.env", i)), i % 10 == 0 ? "T=" + githubToken() : "x=1");
        }
        CheckResult first = scan(request());
        CheckResult second = scan(request());
        assertThat(first.findings()).hasSize(20).isEqualTo(second.findings());
        assertThat(first.findings().get(0).location().file()).isEqualTo("f000.env");
        assertThat(first.findings().get(19).location().file()).isEqualTo("f190.env");
    }

    @Test
    void missingRootIsAnInvalidInputNamingIt() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> scan(ScanRequest.of(List.of(missing), dir)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(missing + ": no such file or directory");
    }

    @Test
    void aSingleFileRootIsScanned() throws IOException {
        Path file = dir.resolve("one.env");
        Files.writeString(file, "T=" + githubToken());
        CheckResult r = scanner.scan(ScanRequest.of(List.of(file), dir));
        assertThat(r.findings()).extracting(f -> f.location().file()).containsExactly("one.env");
    }

    @Test
    void monitorCountsProgress() throws IOException {
        Files.writeString(dir.resolve("a"), "1");
        Files.writeString(dir.resolve("b"), "22");
        ScanMonitor monitor = new ScanMonitor();
        scanner.scan(request(), monitor);
        assertThat(monitor.filesFound()).isEqualTo(2);
        assertThat(monitor.filesDone()).isEqualTo(2);
        assertThat(monitor.bytesDone()).isEqualTo(3);
    }
}
