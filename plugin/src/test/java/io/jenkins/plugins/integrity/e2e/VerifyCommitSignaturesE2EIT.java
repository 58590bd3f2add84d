package io.jenkins.plugins.integrity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verifyCommitSignatures in a stock Jenkins 2.516.2 with the packaged .hpi: the administrator stores the
 * trusted SSH signers as a secret-file credential and selects it in the global configuration (here through
 * the script console, as an automation would); Jenkinsfiles build repositories signed by real git.
 */
class VerifyCommitSignaturesE2EIT {
    @TempDir
    static Path keys;
    private static RealJenkins jenkins;

    private static void sshKeygen(String name) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
                keys.resolve(name).toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @BeforeAll
    static void bootWithTrustedSigners() throws Exception {
        sshKeygen("alice");
        sshKeygen("mallory");
        jenkins = RealJenkins.start();
        String signers = "alice@example.com namespaces=\"git\" " + Files.readString(keys.resolve("alice.pub")).strip();
        String script = String.join("\n",
                "import com.cloudbees.plugins.credentials.*",
                "import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl",
                "def bytes = SecretBytes.fromBytes('" + signers.replace("'", "\\'") + "\\n'.getBytes('UTF-8'))",
                "SystemCredentialsProvider.getInstance().getCredentials().add(new FileCredentialsImpl(",
                "    CredentialsScope.GLOBAL, 'ci-allowed-signers', 'trusted commit signers', 'allowed_signers', bytes))",
                "SystemCredentialsProvider.getInstance().save()",
                "def trust = io.jenkins.plugins.integrity.steps.CommitTrustConfiguration.get()",
                "trust.setAllowedSignersCredentialsId('ci-allowed-signers')",
                "println 'trust configured: ' + trust.getAllowedSignersCredentialsId()");
        HttpResponse<String> r = jenkins.post("scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("trust configured: ci-allowed-signers");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (jenkins != null) {
            jenkins.close();
        }
    }

    private static RealJenkins.Build run(String job, String jenkinsfile) throws Exception {
        String text = Jenkinsfiles.load(jenkinsfile).replace("@ALICE_KEY@", keys.resolve("alice").toString())
                .replace("@MALLORY_KEY@", keys.resolve("mallory").toString());
        jenkins.createPipelineJob(job, text);
        return jenkins.build(job);
    }

    @Test
    void aCommitByAnUntrustedKeyStopsThePipelineAndIsOnTheReport() throws Exception {
        RealJenkins.Build b = run("signatures", "commit-signatures.Jenkinsfile");
        assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
        assertThat(b.console())
                .contains("commit-verified").contains("identity alice@example.com")
                .contains("commit-untrusted-key").contains("the key is not in allowed_signers")
                .contains("verifyCommitSignatures: FAIL - 2 commits in HEAD: 1 VERIFIED, 1 UNTRUSTED_KEY")
                .contains("report written to pipeline-integrity/commits.json")
                .doesNotContain("DEPLOYED: must never be reached");
        JsonNode api = jenkins.getJson(b.path() + "pipeline-integrity/api/json");
        assertThat(api.path("status").asText()).isEqualTo("FAIL");
        JsonNode findings = api.path("results").get(0).path("findings");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).path("rule").asText()).isEqualTo("commit-untrusted-key");
        assertThat(findings.get(0).path("location").path("commit").asText()).hasSize(40);
        assertThat(findings.get(1).path("rule").asText()).isEqualTo("commit-verified");
        String page = jenkins.get(b.path() + "pipeline-integrity/").body();
        assertThat(page).contains("Integrity Report").contains("commit-untrusted-key").contains("commit-verified");
    }

    @Test
    void reportOnlyReturnsTheVerdictsToTheScript() throws Exception {
        RealJenkins.Build b = run("signatures-report-only", "commit-signatures-report-only.Jenkinsfile");
        assertThat(b.result()).as(b.console()).isEqualTo("SUCCESS");
        assertThat(b.console()).containsPattern("verdict [0-9a-f]{12} UNSIGNED")
                .containsPattern("verdict [0-9a-f]{12} VERIFIED")
                .contains("overall WARN: 2 commits in HEAD: 1 VERIFIED, 1 UNSIGNED");
    }
}
