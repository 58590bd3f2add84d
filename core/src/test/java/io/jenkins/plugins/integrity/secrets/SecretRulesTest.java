package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.Finding;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SecretRulesTest {
    private static final RuleSet RULES = RuleSet.builtIn();
    private final SecretScanner scanner = new SecretScanner(RULES);

    static List<RuleSamples.Sample> samples() {
        return RuleSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void findsTrueSamplesAndIgnoresFalseOnes(RuleSamples.Sample sample) {
        List<Finding> findings = scanner.findingsIn(sample.file(), sample.text());
        if (sample.secret()) {
            assertThat(findings).extracting(Finding::rule).containsExactly(sample.rule());
            Finding f = findings.get(0);
            int offset = sample.text().indexOf(sample.value());
            String before = sample.text().substring(0, offset);
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = offset - (before.lastIndexOf('\n') + 1) + 1;
            assertThat(f.location().line()).as("line of the secret").isEqualTo(line);
            assertThat(f.location().column()).as("column of the secret").isEqualTo(column);
            assertThat(f.message()).doesNotContain(sample.value());
            assertThat(f.fingerprint()).doesNotContain(sample.value()).hasSize(24);
        } else {
            assertThat(findings).as("findings in a decoy for " + sample.rule()).isEmpty();
        }
    }

    @Test
    void everyBuiltInRuleHasATrueAndAFalseSample() {
        Set<String> ids = RULES.rules().stream().map(SecretRule::id).collect(Collectors.toSet());
        Set<String> withTrue = samples().stream().filter(RuleSamples.Sample::secret).map(RuleSamples.Sample::rule)
                .collect(Collectors.toSet());
        Set<String> withFalse = samples().stream().filter(s -> !s.secret()).map(RuleSamples.Sample::rule)
                .collect(Collectors.toSet());
        assertThat(withTrue).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(withFalse).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(230);
    }

    @Test
    void everyRuleHasKeywordsOrAPathSoThePrefilterCanSkipIt() {
        assertThat(RULES.rules()).allSatisfy(r -> assertThat(!r.keywords().isEmpty() || r.path() != null)
                .as(r.id() + " has keywords or a path").isTrue());
    }

    @Test
    void specificRuleWinsOverGenericAssignmentOfTheSameValue() {
        String token = Tokens.join("ghp_", new Tokens(7).alnum(36));
        List<Finding> findings = scanner.findingsIn("gradle.properties", "github.token=" + token + "\n");
        assertThat(findings).extracting(Finding::rule).containsExactly("github-pat");
    }

    @Test
    void providerTokenInAContextRuleIsOneFindingOfTheProviderRule() {
        Tokens t = new Tokens(12);
        String npm = Tokens.join("npm_", t.alnum(36));
        assertThat(scanner.findingsIn(".npmrc", "//registry.npmjs.org/:_authToken=" + npm + "\n"))
                .extracting(Finding::rule).containsExactly("npm-access-token");
        String gh = Tokens.join("ghp_", t.alnum(36));
        assertThat(scanner.findingsIn("build.sh", "git clone https://ci:" + gh + "@github.com/acme/app.git\n"))
                .extracting(Finding::rule).containsExactly("github-pat");
    }

    @Test
    void sameSecretInTwoFilesHasTwoFingerprintsAndMovingItKeepsOne() {
        String token = Tokens.join("ghp_", new Tokens(8).alnum(36));
        Finding a = scanner.findingsIn("a.txt", token).get(0);
        Finding b = scanner.findingsIn("b.txt", token).get(0);
        Finding moved = scanner.findingsIn("a.txt", "\n\n  " + token).get(0);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint()).isEqualTo(moved.fingerprint());
    }

    @Test
    void findsSeveralSecretsOnOneLineAtTheirColumns() {
        Tokens t = new Tokens(9);
        String gh = Tokens.join("ghp_", t.alnum(36));
        String npm = Tokens.join("npm_", t.alnum(36));
        List<Finding> findings = scanner.findingsIn("x", "a " + gh + " b " + npm);
        assertThat(findings).extracting(f -> f.rule() + "@" + f.location().column())
                .containsExactly("github-pat@3", "npm-access-token@" + (3 + gh.length() + 3));
    }
}
