package io.jenkins.plugins.integrity.commits;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository of 10,000 commits (made with git fast-import): ranges, limits and first-parent walks at scale. */
class LargeRangeTest {
    static final int COMMITS = 10_000;
    @TempDir static Path dir;
    static Path repo;

    @BeforeAll
    static void tenThousandCommits() throws Exception {
        repo = Files.createDirectories(dir.resolve("repo"));
        run("git", "init", "-q", "-b", "main");
        StringBuilder stream = new StringBuilder();
        for (int i = 1; i <= COMMITS; i++) {
            String msg = "commit " + i;
            stream.append("commit refs/heads/main\nmark :").append(i).append('\n')
                    .append("committer Bench <bench@example.com> ").append(1_700_000_000L + i).append(" +0000\n")
                    .append("data ").append(msg.length()).append('\n').append(msg).append('\n');
            if (i > 1) {
                stream.append("from :").append(i - 1).append('\n');
            }
            stream.append("M 644 inline f\ndata ").append(String.valueOf(i).length()).append('\n').append(i)
                    .append("\n\n");
        }
        Process p = new ProcessBuilder("git", "fast-import", "--quiet").directory(repo.toFile())
                .redirectErrorStream(true).start();
        p.getOutputStream().write(stream.toString().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        run("git", "tag", "v1", "HEAD~100");
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static CheckResult verify(CommitRange range) {
        TrustPolicy policy = TrustPolicy.of(OpenPgpKeys.none(), AllowedSigners.none(), false);
        return new CommitSignatureVerifier(policy, Instant.now()).verify(repo, range, Gate.failOn(Severity.LOW));
    }

    @Test
    void allTenThousandCommitsGetAVerdict() {
        CheckResult r = verify(CommitRange.head().withLimit(COMMITS));
        assertThat(r.metrics().get("commits")).isEqualTo((long) COMMITS);
        assertThat(r.metrics().get("unsigned")).isEqualTo((long) COMMITS);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings().get(0).message()).contains("commit 10000");
    }

    @Test
    void theLimitAndTheRangeBoundTheWalk() {
        assertThat(verify(CommitRange.head()).metrics().get("commits")).isEqualTo((long) CommitRange.DEFAULT_LIMIT);
        assertThat(verify(CommitRange.parse("v1..HEAD").withLimit(COMMITS)).metrics().get("commits")).isEqualTo(100L);
        assertThat(verify(CommitRange.parse("HEAD..HEAD")).summary()).startsWith("no commits to verify");
        assertThat(verify(CommitRange.parse("HEAD..HEAD")).status()).isEqualTo(Status.PASS);
    }
}
