package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralPrefixTest {
    @Test
    void readsThePlainStartOfARegex() {
        assertThat(LiteralPrefix.of("\\b(ghp_[0-9a-zA-Z]{36})\\b")).isEqualTo("ghp_");
        assertThat(LiteralPrefix.of("(?i)linode[\\w.-]{0,20}?token")).isEqualTo("linode");
        assertThat(LiteralPrefix.of("\\b(amzn\\.mws\\.[0-9a-f]{8})")).isEqualTo("amzn.mws.");
        assertThat(LiteralPrefix.of("\"identitytoken\"\\s*:")).isEqualTo("\"identitytoken\"");
    }

    @Test
    void stopsBeforeAnOptionalOrRepeatedCharacter() {
        assertThat(LiteralPrefix.of("\\b(FLWSECK(?:_TEST)?-[a-f0-9]{32}-X)")).isEqualTo("flwseck");
        assertThat(LiteralPrefix.of("abc?d")).isEqualTo("ab");
        assertThat(LiteralPrefix.of("ab{2}")).isEqualTo("a");
        assertThat(LiteralPrefix.of("ab+c")).isEqualTo("ab");
    }

    @Test
    void hasNoPrefixWhenAnotherBranchMayStartElsewhere() {
        assertThat(LiteralPrefix.of("\\b((?:A3T[A-Z0-9]|AKIA|ASIA)[A-Z2-7]{16})\\b")).isEmpty();
        assertThat(LiteralPrefix.of("\\b(fo1_[\\w-]{43}|fm2_[A-Za-z0-9+/]{100,})")).isEmpty();
        assertThat(LiteralPrefix.of("abc|xabc")).isEmpty();
        assertThat(LiteralPrefix.of("(?i:devops|vsts)[^\\n]{0,80}?x")).isEmpty();
        assertThat(LiteralPrefix.of("[?&]sig=")).isEmpty();
    }

    @Test
    void anAlternativeInsideALaterGroupIsNoObstacle() {
        assertThat(LiteralPrefix.of("\\b(sgp_(?:[a-f0-9]{16}|local)_[a-f0-9]{40})")).isEqualTo("sgp_");
        assertThat(LiteralPrefix.of("(?i)okta[\\w.-]{0,20}?(?:token|key)")).isEqualTo("okta");
    }

    @Test
    void everyKeywordMustStartTheMatch() {
        assertThat(LiteralPrefix.startsEveryMatch("\\b(shpat_[a-f0-9]{32})", List.of("shpat_"))).isTrue();
        assertThat(LiteralPrefix.startsEveryMatch("(?i)aws[\\w.-]{0,20}?session", List.of("session"))).isFalse();
        assertThat(LiteralPrefix.startsEveryMatch("\\b(sq0csp-[\\w-]{43})", List.of("sq0"))).isTrue();
        assertThat(LiteralPrefix.startsEveryMatch("\\b(x)", List.of())).isFalse();
    }
}
