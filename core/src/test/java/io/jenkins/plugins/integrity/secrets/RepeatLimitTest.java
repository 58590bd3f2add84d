package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepeatLimitTest {
    /** Within Go's limit: each of these compiles in Go's regexp (gitleaks) as well. */
    @ParameterizedTest
    @ValueSource(strings = {"[a-z]{1,1000}", "(?:a{10}){100}", "(?:(?:a{2}){5}){100}", "(?:a{10})*{1,100}",
        "(?:a{0}){1000}", "(?:a{1000,})", "(?:a{5,}){200}", "a{2}b{1000}", "(?:a{1000}|b)c{1}",
        "[{}]{3}", "\\{1000}{1000}", "\\x{41}{1000}", "\\p{Greek}{1000}", "\\Q{1000}\\E{1000}", "a{1000",
        "[]{1000}]{2}", "[[:alpha:]{]{1000}", "(?i)(?P<x>[a-f0-9]{32})"})
    void acceptsWhatGoAccepts(String regex) {
        assertThat(RepeatLimit.violation(regex)).isNull();
    }

    /** Beyond it: Go's regexp refuses each with "invalid repeat count". */
    @ParameterizedTest
    @ValueSource(strings = {"(?:[a-z]{1,1000}){1,1000}", "(?:a{10}){101}", "(?:(?:a{2}){5}){101}",
        "(?:a{1001,}){1}x{2}", "(?:a{5,}){201}", "((a{2}|b{3}){400})", "(?:x(?:a{20})y){60}"})
    void refusesNestedRepetitionsBeyondAThousand(String regex) {
        assertThat(RepeatLimit.violation(regex)).contains("multiply to more than 1000");
    }

    @Test
    void refusesGroupsNestedDeeperThanAThousand() {
        String deep = "(".repeat(1001) + "a" + ")".repeat(1001);
        assertThat(RepeatLimit.violation(deep)).isEqualTo("its groups nest deeper than 1000");
        assertThat(RepeatLimit.violation("(".repeat(1000) + "a" + ")".repeat(1000))).isNull();
    }

    /** A gitleaks configuration holding such a regex is an input error naming the rule, not a stack overflow. */
    @Test
    void aConfigurationWithAnExplodingRegexIsAnInputError() {
        assertThatThrownBy(() -> GitleaksConfigReader.read(
                "[[rules]]\nid = 'boom'\nregex = '''((?:[a-z]{1,1000}){1,1000})'''", "g.toml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("g.toml: rule 'boom' regex is refused (as by gitleaks and RE2): its counted repetitions"
                        + " nested in one another multiply to more than 1000 (at '{1,1000}')");
        assertThatThrownBy(() -> GitleaksConfigReader.read("[[rules]]\nid = 'deep'\nregex = '''"
                + "(".repeat(1500) + "a" + ")".repeat(1500) + "'''", "g.toml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("its groups nest deeper than 1000");
    }

    @Test
    void everyBuiltInRuleKeepsWithinTheLimits() {
        for (SecretRule r : RuleSet.builtIn().rules()) {
            assertThat(RepeatLimit.violation(r.regex().pattern())).as(r.id()).isNull();
        }
    }
}
