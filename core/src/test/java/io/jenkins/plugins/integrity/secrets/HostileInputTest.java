package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs made to hurt a scanner: a huge single line, a 2 GB file, regex-hostile text. Each must end with a
 * finding or a clear verdict, in bounded memory, never a hang.
 */
class HostileInputTest {
    @TempDir Path dir;
    private final SecretScanner scanner = new SecretScanner(RuleSet.builtIn());

    @Test
    void aHundredMegabyteSingleLineIsScannedInA96MegabyteHeap() throws Exception {
        String token = Tokens.join("ghp_", new Tokens(4).alnum(36));
        Path file = dir.resolve("bundle.min.js");
        byte[] filler = "var a=function(b){return b*2};".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (written < 100_000_000L) {
                out.write(filler);
                written += filler.length;
            }
            out.write((" " + token + ";").getBytes(StandardCharsets.US_ASCII));
        }
        // a separate JVM with a heap smaller than the line proves the memory stays flat
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-cp", System.getProperty("java.class.path"), ScanOneFile.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("scan finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.trim()).isEqualTo("github-pat bundle.min.js:1:" + (written + 2));
    }

    @Test
    void aTwoGigabyteSparseFileIsSkippedAsBinaryAtOnce() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("disk.img").toFile(), "rw")) {
            f.setLength(2L * 1024 * 1024 * 1024);
        }
        CheckResult r = scanner.scan(ScanRequest.of(List.of(dir), dir));
        assertThat(r.metrics()).containsEntry("filesSkippedBinary", 1L);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void regexHostileTextEndsQuickly() {
        String nasty = "password=".repeat(50_000) + "a".repeat(200_000) + "\n"
                + "https://" + "a:".repeat(100_000) + "@\n"
                + "-----BEGIN PRIVATE KEY-----" + " ".repeat(300_000) + "\n"
                + "eyJ" + "a".repeat(300_000) + "." + "\n";
        List<Finding> found = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> scanner.findingsIn("nasty.txt", nasty));
        assertThat(found).allSatisfy(f -> assertThat(f.location().file()).isEqualTo("nasty.txt"));
    }

    /** Entry point of the small-heap JVM: prints each finding as "rule location". */
    public static final class ScanOneFile {
        public static void main(String[] args) {
            Path file = Path.of(args[0]);
            CheckResult r = new SecretScanner(RuleSet.builtIn())
                    .scan(ScanRequest.of(List.of(file), file.getParent()));
            r.findings().forEach(f -> System.out.println(f.rule() + " " + f.location()));
        }
    }
}
