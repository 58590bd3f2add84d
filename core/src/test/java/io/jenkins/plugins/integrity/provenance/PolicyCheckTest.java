package io.jenkins.plugins.integrity.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.report.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy rules on provenance whose byproducts link real check results by digest. */
class PolicyCheckTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ReleasePolicy policy(String yaml) {
        return ReleasePolicy.parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** Provenance linking these results (name to content) by digest. */
    static JsonNode statement(Map<String, byte[]> evidence) throws Exception {
        List<ResourceDescriptor> by = new java.util.ArrayList<>();
        for (var e : evidence.entrySet()) {
            by.add(new ResourceDescriptor(e.getKey(), null, Map.of("sha256", sha256(e.getValue())), "application/json"));
        }
        var external = JSON.createObjectNode();
        external.putObject("source").put("uri", "git+https://git.example.com/app.git").put("ref", "origin/release/1.4");
        BuildProvenance p = new BuildProvenance(List.of(ResourceDescriptor.file("app.jar", "a".repeat(64))),
                BuildProvenance.JENKINS_PIPELINE, external, null, List.of(), "https://jenkins.example.com/", null, null,
                null, null, by);
        return JSON.readTree(p.statement());
    }

    static byte[] result(String check, Status status, Severity... severities) {
        List<Finding> f = new java.util.ArrayList<>();
        for (Severity s : severities) {
            f.add(new Finding("r", s, "m", Location.ofFile("x"), "fp" + f.size()));
        }
        return Json.write(new CheckResult(check, status, "s", f, Map.of(), List.of())).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void verifiedCommitsAndSecretsAreJudgedFromTheLinkedResults() throws Exception {
        Map<String, byte[]> evidence = new HashMap<>();
        evidence.put("pipeline-integrity/results/commits-1.json", result("commits", Status.PASS));
        evidence.put("pipeline-integrity/results/secrets-2.json", result("secrets", Status.WARN, Severity.LOW));
        JsonNode st = statement(evidence);
        ReleasePolicy p = policy("""
                requireVerifiedCommits: true
                maxSecretSeverity: LOW
                sourceRefs: ['release/*']
                """);
        CheckResult ok = PolicyCheck.evaluate(p, "app.jar", st, null, null, evidence::get, Gate.failOn(Severity.HIGH));
        assertThat(ok.status()).as(ok.findings().toString()).isEqualTo(Status.PASS);
        ReleasePolicy strict = policy("maxSecretSeverity: INFO\n");
        CheckResult tooMuch = PolicyCheck.evaluate(strict, "app.jar", st, null, null, evidence::get, Gate.failOn(Severity.HIGH));
        assertThat(tooMuch.findings()).filteredOn(f -> f.rule().equals("policy-secrets")).singleElement()
                .satisfies(f -> assertThat(f.message())
                .contains("findings up to LOW (allowed: up to INFO)"));
        Map<String, byte[]> failing = new HashMap<>(evidence);
        failing.put("pipeline-integrity/results/commits-1.json", result("commits", Status.FAIL, Severity.HIGH));
        CheckResult unverified = PolicyCheck.evaluate(policy("requireVerifiedCommits: true\n"), "app.jar",
                statement(failing), null, null, failing::get, Gate.failOn(Severity.HIGH));
        assertThat(unverified.status()).isEqualTo(Status.FAIL);
        // the linked commits result replaced by another one: its digest no longer matches
        CheckResult swapped = PolicyCheck.evaluate(policy("requireVerifiedCommits: true\n"), "app.jar", st, null, null,
                failing::get, Gate.failOn(Severity.HIGH));
        assertThat(swapped.findings()).filteredOn(f -> f.rule().equals("policy-commits-verified")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("links no commit verification result"));
        assertThat(PolicyCheck.evaluate(policy("maxSecretSeverity: CRITICAL\n"), "app.jar", st, null, null,
                evidence::get, Gate.failOn(Severity.HIGH)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void globsAndPolicyErrors() {
        assertThat(PolicyCheck.glob("release/*", "release/1.4")).isTrue();
        assertThat(PolicyCheck.glob("release/*", "release/1.4/hotfix")).isFalse();
        assertThat(PolicyCheck.glob("release/**", "release/1.4/hotfix")).isTrue();
        assertThat(PolicyCheck.glob("main", "mainline")).isFalse();
        assertThatThrownBy(() -> policy("builders: https://x\n")).hasMessageContaining("'builders' is not a list");
        assertThatThrownBy(() -> policy("requireSbom: yes please\n")).hasMessageContaining("not true or false");
        assertThatThrownBy(() -> policy("requireProvenance: false\nbuilders: [https://x]\n"))
                .hasMessageContaining("requireProvenance cannot be false");
        assertThatThrownBy(() -> policy("maxSecretSeverity: SEVERE\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy("- a\n")).hasMessageContaining("not a policy");
    }
}
