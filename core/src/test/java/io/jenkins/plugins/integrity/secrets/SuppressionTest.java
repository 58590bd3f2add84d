package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inline allow comments, baselines and user gitleaks configurations. */
class SuppressionTest {
    @TempDir Path dir;
    private final Tokens tokens = new Tokens(77);
    private final SecretScanner scanner = new SecretScanner(RuleSet.builtIn());

    private String gh() {
        return Tokens.join("ghp_", tokens.alnum(36));
    }

    private CheckResult scan(ScanRequest request) {
        return scanner.scan(request);
    }

    @Test
    void inlineAllowCommentSuppressesAndCountsAndTheRedactorStillMasks() throws IOException {
        String allowed = gh();
        String gitleaksAllowed = gh();
        String reported = gh();
        Files.writeString(dir.resolve("fixtures.env"), "A=" + allowed + "  # pipeline-integrity:allow test fixture\n"
                + "B=" + gitleaksAllowed + " # gitleaks:allow\nC=" + reported + "\n");
        CheckResult r = scan(ScanRequest.of(List.of(dir), dir));
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.location().line()).isEqualTo(3));
        assertThat(r.metrics()).containsEntry("suppressedInline", 2L);
        assertThat(r.summary()).endsWith("; 2 suppressed inline");
        assertThat(new Redactor(RuleSet.builtIn()).redact("A=" + allowed + " # pipeline-integrity:allow"))
                .doesNotContain(allowed);
    }

    @Test
    void aBaselineFromAnEarlierJsonResultReportsOnlyNewFindings() throws IOException {
        Files.writeString(dir.resolve("old.env"), "T=" + gh() + "\n");
        CheckResult first = scan(ScanRequest.of(List.of(dir), dir));
        Path baseline = Files.writeString(dir.resolve("../baseline-" + dir.getFileName() + ".json"), Json.write(first));
        try {
            Files.writeString(dir.resolve("new.env"), "T=" + gh() + "\n");
            CheckResult second = scan(ScanRequest.of(List.of(dir), dir).withBaseline(Baseline.read(baseline)));
            assertThat(second.findings()).extracting(f -> f.location().file()).containsExactly("new.env");
            assertThat(second.metrics()).containsEntry("baselined", 1L);
            assertThat(second.summary()).endsWith("; 1 in the baseline");
        } finally {
            Files.deleteIfExists(baseline);
        }
    }

    @Test
    void baselinesAreReadFromReportsAndFingerprintLists() {
        CheckResult r = new CheckResult("secrets", Status.FAIL, "s", List.of(new io.jenkins.plugins.integrity.check.Finding(
                "github-pat", io.jenkins.plugins.integrity.check.Severity.HIGH, "m", null, "abcdef0123456789")),
                null, null);
        assertThat(Baseline.parse(Json.write(Report.of(List.of(r))), "report.json").fingerprints())
                .containsExactly("abcdef0123456789");
        assertThat(Baseline.parse("# accepted\nabcdef01234567 # test fixture\n\n0123456789abcdef\n", "b.txt")
                .fingerprints()).containsExactlyInAnyOrder("abcdef01234567", "0123456789abcdef");
        assertThatThrownBy(() -> Baseline.parse("abcdef01234567\nnot a fingerprint\n", "b.txt"))
                .isInstanceOf(InvalidInputException.class).hasMessage("b.txt: line 2 is not a fingerprint (hex digits)");
        assertThatThrownBy(() -> Baseline.parse("{\"check\": 1", "b.json")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Baseline.read(dir.resolve("missing.txt")))
                .hasMessage(dir.resolve("missing.txt") + ": no such file");
    }

    @Test
    void aGitleaksConfigWithoutExtendReplacesTheBuiltInRules() {
        RuleSet rules = RuleSets.fromToml("""
                [[rules]]
                id = "acme-key"
                regex = '''acme_[a-z0-9]{20}'''
                keywords = ["acme_"]
                """, ".gitleaks.toml");
        assertThat(rules.rules()).extracting(SecretRule::id).containsExactly("acme-key");
    }

    @Test
    void extendUseDefaultAddsOverridesAndDisablesRules() {
        RuleSet rules = RuleSets.fromToml("""
                [extend]
                useDefault = true
                disabledRules = ["jwt"]
                [[rules]]
                id = "acme-key"
                regex = '''acme_[a-z0-9]{20}'''
                keywords = ["acme_"]
                [[rules]]
                id = "github-pat"
                description = "GitHub token (our severity)"
                severity = "LOW"
                regex = '''ghp_[0-9a-zA-Z]{36}'''
                keywords = ["ghp_"]
                [allowlist]
                paths = ['''^fixtures/''']
                """, ".gitleaks.toml");
        assertThat(rules.rules()).extracting(SecretRule::id).contains("acme-key", "aws-access-key-id")
                .doesNotContain("jwt");
        assertThat(rules.rules().stream().filter(r -> r.id().equals("github-pat")).findFirst().orElseThrow()
                .severity()).isEqualTo(io.jenkins.plugins.integrity.check.Severity.LOW);
        SecretScanner custom = new SecretScanner(rules);
        String token = gh();
        assertThat(custom.findingsIn("fixtures/a.env", token)).isEmpty();
        assertThat(custom.findingsIn("src/a.env", token)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(io.jenkins.plugins.integrity.check.Severity.LOW));
    }

    @Test
    void unsupportedOrEmptyConfigurationsAreRejectedNamingTheFile() throws IOException {
        assertThatThrownBy(() -> RuleSets.fromToml("[extend]\npath = 'base.toml'\n", "c.toml"))
                .hasMessage("c.toml: [extend] path and url are not supported; use useDefault");
        assertThatThrownBy(() -> RuleSets.fromToml("title = 'nothing'\n", "c.toml"))
                .hasMessageStartingWith("c.toml: defines no rules");
        Path notUtf8 = Files.write(dir.resolve("bad.toml"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        assertThatThrownBy(() -> RuleSets.load(notUtf8)).hasMessage(notUtf8 + ": not UTF-8 text");
    }
}
