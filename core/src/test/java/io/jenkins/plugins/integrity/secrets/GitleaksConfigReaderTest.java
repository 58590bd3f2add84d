package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Severity;
import org.junit.jupiter.api.Test;

class GitleaksConfigReaderTest {
    @Test
    void readsAGitleaksConfigWithBothAllowlistStyles() {
        RuleSet rules = GitleaksConfigReader.read("""
                title = "custom"
                [allowlist]
                paths = ['''(^|/)testdata/''']
                [[rules]]
                id = "acme-key"
                description = "ACME key"
                regex = '''acme_([a-z0-9]{20})'''
                keywords = ["acme_"]
                entropy = 2.0
                  [rules.allowlist]
                  stopwords = ["sample"]
                  [[rules.allowlists]]
                  regexTarget = "line"
                  regexes = ['''#\\s*fake''']
                """, ".gitleaks.toml");
        assertThat(rules.rules()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("acme-key");
            assertThat(r.severity()).isEqualTo(Severity.HIGH);
            assertThat(r.secretGroup()).isEqualTo(1);
            assertThat(r.allowlists()).hasSize(2);
        });
        assertThat(rules.allowsPath("a/testdata/x")).isTrue();
        SecretScanner scanner = new SecretScanner(rules);
        String real = Tokens.join("acme_", new Tokens(3).of(Tokens.HEX + "xyz", 20));
        assertThat(scanner.findingsIn("a.txt", real)).hasSize(1);
        assertThat(scanner.findingsIn("a.txt", real + " # fake")).isEmpty();
        assertThat(scanner.findingsIn("testdata/a.txt", real)).isEmpty();
    }

    @Test
    void rejectsMalformedTomlNamingTheInputAndLine() {
        assertThatThrownBy(() -> GitleaksConfigReader.read("[[rules]\nid=", "my.toml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("my.toml: not valid TOML at line");
    }

    @Test
    void rejectsWrongTypesBadRegexesAndDuplicates() {
        assertThatThrownBy(() -> GitleaksConfigReader.read("rules = 3", "c.toml"))
                .hasMessage("c.toml: 'rules' must be an array of tables ([[rules]])");
        assertThatThrownBy(() -> GitleaksConfigReader.read("[[rules]]\nid = 'x'\nregex = '(a'", "c.toml"))
                .hasMessageStartingWith("c.toml: rule 'x' regex is not a valid RE2 regex");
        assertThatThrownBy(() -> GitleaksConfigReader.read("[[rules]]\nid = 'x'\nregex = 'a(?=b)'", "c.toml"))
                .hasMessageStartingWith("c.toml: rule 'x' regex is not a valid RE2 regex");
        assertThatThrownBy(() -> GitleaksConfigReader.read("[[rules]]\nid = 'x'\nregex = 'a'\nkeywords = 'a'", "c.toml"))
                .hasMessage("c.toml: rule 'x': 'keywords' must be an array of strings");
        assertThatThrownBy(() -> GitleaksConfigReader.read("[[rules]]\nid = 'x'\nregex = 'a'\nentropy = 'hi'", "c.toml"))
                .hasMessage("c.toml: rule 'x': 'entropy' must be a number from 0 to 8");
        assertThatThrownBy(() -> GitleaksConfigReader.read("[[rules]]\nid = 'x'\nregex = '(a)'\nsecretGroup = 2", "c.toml"))
                .hasMessage("c.toml: rule 'x' has secretGroup 2 but its regex has 1 groups");
        assertThatThrownBy(() -> GitleaksConfigReader.read(
                "[[rules]]\nid = 'x'\nregex = 'a'\n[[rules]]\nid = 'x'\nregex = 'b'", "c.toml"))
                .hasMessage("c.toml: rule 'x' is defined twice");
        assertThatThrownBy(() -> GitleaksConfigReader.read("[[rules]]\nid = 'x'", "c.toml"))
                .hasMessage("c.toml: rule 'x' has no regex (path-only rules are not supported)");
        assertThatThrownBy(() -> GitleaksConfigReader.read("[[rules]]\nid = 'x'\nregex='a'\nseverity='urgent'", "c.toml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown severity 'urgent'");
    }

    @Test
    void parseErrorDoesNotQuoteTheDocument() {
        String secretish = Tokens.join("ghp_", new Tokens(11).alnum(36));
        assertThatThrownBy(() -> GitleaksConfigReader.read("key = \"" + secretish + "\n[[", "c.toml"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secretish));
    }

    @Test
    void builtInRulesLoad() {
        assertThat(RuleSet.builtIn().rules()).hasSizeGreaterThanOrEqualTo(15);
    }
}
