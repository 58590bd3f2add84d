package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify-commits on a repository signed by the real git and ssh-keygen. */
class VerifyCommitsCommandTest {
    @TempDir Path dir;
    Path repo;
    Path signers;
    String good;
    String stranger;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private String sh(Path in, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out.strip();
    }

    private String commit(String file, Path key) throws Exception {
        Files.writeString(repo.resolve(file), file);
        sh(repo, "git", "add", file);
        sh(repo, "git", "-c", "gpg.format=ssh", "-c", "user.signingkey=" + key, "commit", "-q", "-S", "-m", file);
        return sh(repo, "git", "rev-parse", "HEAD");
    }

    @BeforeEach
    void signedRepository() throws Exception {
        repo = Files.createDirectories(dir.resolve("repo"));
        sh(repo, "git", "init", "-q", "-b", "main");
        sh(repo, "git", "config", "user.name", "Alice");
        sh(repo, "git", "config", "user.email", "alice@example.com");
        sh(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "alice");
        sh(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "mallory");
        signers = dir.resolve("allowed_signers");
        Files.writeString(signers, "alice@example.com " + Files.readString(dir.resolve("alice.pub")));
        good = commit("a.txt", dir.resolve("alice"));
        stranger = commit("b.txt", dir.resolve("mallory"));
    }

    @Test
    void reportsEachCommitAndFailsOnTheOneByAnUntrustedKey() {
        CliRun r = run("verify-commits", "--repo", repo.toString(), "--allowed-signers", signers.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("commit-verified").contains("commit-untrusted-key")
                .contains("commits: FAIL - 2 commits in HEAD: 1 VERIFIED, 1 UNTRUSTED_KEY");
    }

    @Test
    void aRangeOfGoodCommitsExitsZeroAndJsonNamesTheCommits() throws Exception {
        CliRun r = run("verify-commits", "--repo", repo.toString(), "--range", good + "~0", "--allowed-signers",
                signers.toString(), "--require-identity-match", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("status").asText()).isEqualTo("PASS");
        assertThat(json.path("findings")).singleElement().satisfies(f -> {
            assertThat(f.path("rule").asText()).isEqualTo("commit-verified");
            assertThat(f.path("location").path("commit").asText()).isEqualTo(good);
            assertThat(f.path("message").asText()).contains("identity alice@example.com");
        });
        CliRun since = run("verify-commits", "--repo", repo.toString(), "--since", good, "--allowed-signers",
                signers.toString());
        assertThat(since.code()).isEqualTo(1);
        assertThat(since.out()).contains("1 commit in " + good + "..HEAD: 1 UNTRUSTED_KEY");
    }

    @Test
    void auditVerifiesTheCommitsToWhenGivenTrustedKeys() throws Exception {
        Path out = dir.resolve("report");
        CliRun r = run("audit", repo.toString(), "--allowed-signers", signers.toString(), "--output", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("secrets: PASS").contains("commits: FAIL - 2 commits in HEAD: 1 VERIFIED, 1 UNTRUSTED_KEY");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.toString()).contains("\"check\":\"secrets\"").contains("\"check\":\"commits\"");
        CliRun since = run("audit", repo.toString(), "--allowed-signers", signers.toString(), "--commits-since", stranger,
                "--output", out.toString());
        assertThat(since.code()).isZero();
        assertThat(since.out()).contains("commits: PASS - no commits to verify in " + stranger + "..HEAD");
        CliRun plain = run("audit", repo.toString(), "--output", out.toString());
        assertThat(plain.out()).contains("secrets: PASS").doesNotContain("commits:");
    }

    @Test
    void withoutAnyTrustedKeyItRefusesToRun() {
        CliRun r = run("verify-commits", "--repo", repo.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no trusted keys");
    }

    @Test
    void badInputsExitTwoNamingTheInput() throws Exception {
        assertThat(run("verify-commits", "--repo", dir.toString(), "--allowed-signers", signers.toString()))
                .satisfies(r -> assertThat(r.code()).isEqualTo(2))
                .satisfies(r -> assertThat(r.err()).contains("not inside a git repository"));
        assertThat(run("verify-commits", "--repo", repo.toString(), "--range", "nope..HEAD", "--allowed-signers",
                signers.toString()).err()).contains("unknown revision 'nope'");
        Path broken = dir.resolve("broken_signers");
        Files.writeString(broken, "alice@example.com ssh-ed25519 AAAA-not-base64\n");
        CliRun r = run("verify-commits", "--repo", repo.toString(), "--allowed-signers", broken.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(broken.toString()).contains("line 1");
        CliRun secret = run("verify-commits", "--repo", repo.toString(), "--openpgp-keys", dir.resolve("alice").toString());
        assertThat(secret.code()).isEqualTo(2);
        assertThat(secret.err()).contains("not an OpenPGP public keyring")
                .doesNotContain(Files.readString(dir.resolve("alice")).lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void aPolicyFileAddsPathRules() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "allowedSigners: allowed_signers",
                "requireIdentityMatch: true",
                "groups:",
                "  release-managers: [\"rm@example.com\"]",
                "pathRules:",
                "  - paths: [\"Jenkinsfile\", \".ci/**\"]",
                "    group: release-managers", ""));
        Files.writeString(repo.resolve("Jenkinsfile"), "node {}\n");
        sh(repo, "git", "add", "Jenkinsfile");
        sh(repo, "git", "-c", "gpg.format=ssh", "-c", "user.signingkey=" + dir.resolve("alice"), "commit", "-q", "-S",
                "-m", "pipeline");
        CliRun r = run("verify-commits", "--repo", repo.toString(), "--range", stranger + "..", "--policy",
                policy.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("commit-untrusted-key").contains("need a signer from the group 'release-managers'");
        Files.writeString(policy, "allowedSigners: allowed_signers\nrequireIdentiyMatch: true\n");
        CliRun typo = run("verify-commits", "--repo", repo.toString(), "--policy", policy.toString());
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown field 'requireIdentiyMatch'");
        assertThat(List.of(good, stranger)).doesNotHaveDuplicates();
    }
}
