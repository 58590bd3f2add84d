package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History scans of repositories made with the real git command line. */
class GitHistoryScannerTest {
    @TempDir Path repo;
    private final Tokens tokens = new Tokens(55);
    private final GitHistoryScanner history = new GitHistoryScanner(new SecretScanner(RuleSet.builtIn()));

    private String git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Dev", "-c", "user.email=dev@corp.local",
                "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + out).isZero();
        return out.trim();
    }

    private String commit(String file, String content, String message) throws Exception {
        Files.createDirectories(repo.resolve(file).getParent());
        Files.writeString(repo.resolve(file), content);
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD");
    }

    private CheckResult scan(String since) {
        return history.scan(repo, since, ScanRequest.of(List.of(repo), repo));
    }

    @BeforeEach
    void init() throws Exception {
        git("init", "-q");
    }

    @Test
    void findsASecretDeletedLongAgoAtItsFirstCommitPathAndLine() throws Exception {
        commit("README.md", "hello\n", "start");
        String leaked = commit("ci/deploy.env", "# deploy\nGH=" + Tokens.join("ghp_", tokens.alnum(36)) + "\n", "add deploy env");
        commit("ci/deploy.env", "# deploy\nGH=${GH_TOKEN}\n", "use a credential instead");
        commit("src/app.txt", "code\n", "more work");

        assertThat(new SecretScanner(RuleSet.builtIn()).scan(ScanRequest.of(List.of(repo), repo)).findings())
                .as("the working tree is clean").isEmpty();
        CheckResult r = scan(null);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("github-pat");
            assertThat(f.location().file()).isEqualTo("ci/deploy.env");
            assertThat(f.location().line()).isEqualTo(2);
            assertThat(f.location().commit()).isEqualTo(leaked);
        });
        assertThat(r.summary()).isEqualTo("1 secret found in 4 blobs of the git history (1 CRITICAL)");
        assertThat(r.subjects().get(0).digests()).containsEntry("gitCommit", git("rev-parse", "HEAD"));
    }

    @Test
    void aBlobSeenTwiceIsScannedAndReportedOnce() throws Exception {
        String token = Tokens.join("ghp_", tokens.alnum(36));
        String first = commit("a.env", "T=" + token + "\n", "one");
        commit("a.env", "T=nothing\n", "two");
        commit("a.env", "T=" + token + "\n", "three: same content again");
        commit("copy/a.env", "T=" + token + "\n", "four: same blob elsewhere");
        assertThat(scan(null).findings()).extracting(f -> f.location().commit()).containsExactly(first);
    }

    @Test
    void sinceLimitsTheScanToNewerCommits() throws Exception {
        commit("old.env", "T=" + Tokens.join("ghp_", tokens.alnum(36)) + "\n", "old leak");
        String base = git("rev-parse", "HEAD");
        String fresh = commit("new.env", "T=" + Tokens.join("ghp_", tokens.alnum(36)) + "\n", "new leak");
        List<Finding> found = scan(base).findings();
        assertThat(found).extracting(f -> f.location().file() + "@" + f.location().commit())
                .containsExactly("new.env@" + fresh);
    }

    @Test
    void commitsReachableOnlyFromATagAreScanned() throws Exception {
        commit("README.md", "hello\n", "start");
        git("checkout", "-q", "-b", "experiment");
        String tagged = commit("exp.env", "T=" + Tokens.join("ghp_", tokens.alnum(36)) + "\n", "experiment");
        git("tag", "-a", "v0-experiment", "-m", "kept");
        git("checkout", "-q", "main");
        git("branch", "-q", "-D", "experiment");
        assertThat(scan(null).findings()).extracting(f -> f.location().commit()).containsExactly(tagged);
    }

    @Test
    void aDirectoryOutsideGitAndAnUnknownRevisionAreInvalidInputs(@TempDir Path plain) throws Exception {
        assertThatThrownBy(() -> history.scan(plain, null, ScanRequest.of(List.of(plain), plain)))
                .isInstanceOf(InvalidInputException.class).hasMessage(plain + ": not inside a git repository");
        commit("a.txt", "x\n", "one");
        assertThatThrownBy(() -> scan("no-such-branch")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("no-such-branch: no such revision");
    }
}
