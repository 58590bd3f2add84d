package io.jenkins.plugins.integrity.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import io.jenkins.plugins.integrity.check.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** verifyCommitSignatures on a repository signed by the real git and ssh-keygen, with keys from credentials. */
@WithJenkins
class VerifyCommitSignaturesStepTest {
    @TempDir Path keys;

    private String sh(Path dir, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", keys.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out.strip();
    }

    @BeforeEach
    void keysOfTwoPeople() throws Exception {
        sh(keys, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "alice");
        sh(keys, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "mallory");
    }

    /** A job whose workspace holds a repository with commits signed by these keys; returns the commit ids. */
    private String[] repository(JenkinsRule j, WorkflowJob job, String... signers) throws Exception {
        Path ws = Path.of(j.jenkins.getWorkspaceFor(job).getRemote());
        Files.createDirectories(ws);
        sh(ws, "git", "init", "-q", "-b", "main");
        sh(ws, "git", "config", "user.name", "Alice");
        sh(ws, "git", "config", "user.email", "alice@example.com");
        String[] ids = new String[signers.length];
        for (int i = 0; i < signers.length; i++) {
            Files.writeString(ws.resolve("f" + i), "change " + i);
            sh(ws, "git", "add", "f" + i);
            sh(ws, "git", "-c", "gpg.format=ssh", "-c", "user.signingkey=" + keys.resolve(signers[i]), "commit", "-q",
                    "-S", "-m", "change " + i);
            ids[i] = sh(ws, "git", "rev-parse", "HEAD");
        }
        return ids;
    }

    private void trustAlice() throws Exception {
        byte[] signers = ("alice@example.com " + Files.readString(keys.resolve("alice.pub"))).getBytes(StandardCharsets.UTF_8);
        SystemCredentialsProvider.getInstance().getCredentials().add(new FileCredentialsImpl(CredentialsScope.GLOBAL,
                "ci-allowed-signers", "trusted SSH signers", "allowed_signers", SecretBytes.fromBytes(signers)));
        CommitTrustConfiguration.get().setAllowedSignersCredentialsId("ci-allowed-signers");
    }

    private static WorkflowJob job(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void aRangeOfTrustedCommitsPassesAndReturnsAVerdictPerCommit(JenkinsRule j) throws Exception {
        trustAlice();
        WorkflowJob p = job(j, "good", """
                node {
                  def r = verifyCommitSignatures range: 'HEAD', requireIdentityMatch: true
                  echo "status=${r.status} statuses=${r.commits.collect { it.status }} summary=${r.summary}"
                }""");
        String[] ids = repository(j, p, "alice", "alice");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("status=PASS statuses=[VERIFIED, VERIFIED] summary=all 2 commits verified in HEAD", b);
        j.assertLogContains("identity alice@example.com", b);
        IntegrityReportAction action = b.getAction(IntegrityReportAction.class);
        assertThat(action.getResults()).singleElement().satisfies(r -> {
            assertThat(r.check()).isEqualTo("commits");
            assertThat(r.findings()).extracting(f -> f.location().commit()).containsExactly(ids[1], ids[0]);
        });
    }

    @Test
    void aCommitByAnUntrustedKeyFailsTheBuildAndIsOnTheReport(JenkinsRule j) throws Exception {
        trustAlice();
        WorkflowJob p = job(j, "bad", "node { verifyCommitSignatures range: 'HEAD' }");
        String[] ids = repository(j, p, "alice", "mallory");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("commit-untrusted-key", b);
        j.assertLogContains("verifyCommitSignatures: FAIL - 2 commits in HEAD: 1 VERIFIED, 1 UNTRUSTED_KEY", b);
        JSONObject api = j.getJSON(b.getUrl() + "pipeline-integrity/api/json").getJSONObject();
        assertThat(api.getString("status")).isEqualTo("FAIL");
        assertThat(api.toString()).contains(ids[1]).contains("commit-untrusted-key");
    }

    @Test
    void withoutTrustedKeysOnTheControllerTheStepCannotPass(JenkinsRule j) throws Exception {
        WorkflowJob p = job(j, "untrusting", "node { verifyCommitSignatures() }");
        repository(j, p, "alice");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("no trusted keys are configured", b);
        assertThat(b.getAction(IntegrityReportAction.class).getResults())
                .singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(Status.ERROR));
    }

    @Test
    void byDefaultOnlyTheCommitsSinceTheLastSuccessfulBuildAreVerified(JenkinsRule j) throws Exception {
        trustAlice();
        WorkflowJob p = job(j, "incremental", "");
        String[] ids = repository(j, p, "mallory", "alice", "alice");
        p.setDefinition(new CpsFlowDefinition("node { withEnv(['GIT_PREVIOUS_SUCCESSFUL_COMMIT=" + ids[0] + "']) {\n"
                + "  def r = verifyCommitSignatures()\n  echo \"verified ${r.commits.size()}: ${r.summary}\"\n} }", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("verified 2: all 2 commits verified in " + ids[0] + "..HEAD", b);
        p.setDefinition(new CpsFlowDefinition("node { def r = verifyCommitSignatures()\n echo \"${r.summary}\" }", true));
        j.assertLogContains("all 1 commit verified in HEAD", j.buildAndAssertSuccess(p));
    }

    @Test
    void theJenkinsfileCannotWidenTrustAndTheSnippetGeneratorOffersTheStep(JenkinsRule j) throws Exception {
        VerifyCommitSignaturesStep step = new VerifyCommitSignaturesStep();
        step.setRequireIdentityMatch(true);
        step.setRange("origin/main..HEAD");
        assertThat(Snippetizer.object2Groovy(step))
                .isEqualTo("verifyCommitSignatures range: 'origin/main..HEAD', requireIdentityMatch: true");
        assertThat(VerifyCommitSignaturesStep.class.getDeclaredFields()).extracting(java.lang.reflect.Field::getName)
                .noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("key"));
        WorkflowJob p = job(j, "snippets", "echo 'hi'");
        JenkinsRule.WebClient wc = j.createWebClient();
        assertThat(wc.getPage(p, "pipeline-syntax/").asXml()).contains("verifyCommitSignatures");
    }

    @Test
    void theGlobalConfigurationSurvivesTheFormAndValidatesThePolicy(JenkinsRule j) throws Exception {
        trustAlice();
        CommitTrustConfiguration.get().setPolicy("requireIdentityMatch: true\n");
        CommitTrustConfiguration.get().setX509RootsCredentialsId("ci-allowed-signers");
        j.configRoundtrip();
        assertThat(CommitTrustConfiguration.get().getX509RootsCredentialsId()).isEqualTo("ci-allowed-signers");
        assertThat(CommitTrustConfiguration.get().getAllowedSignersCredentialsId()).isEqualTo("ci-allowed-signers");
        assertThat(CommitTrustConfiguration.get().getPolicy()).isEqualTo("requireIdentityMatch: true");
        assertThat(CommitTrustConfiguration.get().doCheckPolicy("requireIdentiyMatch: true").kind)
                .isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        assertThat(CommitTrustConfiguration.get().doCheckPolicy("allowedSigners: x\n").getMessage())
                .contains("here keys come from credentials");
    }
}
