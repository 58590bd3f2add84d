package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = new Redactor(RuleSet.builtIn());

    @Test
    void masksEverySecretAndKeepsTheRest() {
        Tokens t = new Tokens(5);
        String gh = Tokens.join("ghp_", t.alnum(36));
        String pw = t.alnum(16);
        String text = "cannot parse line: token=" + gh + " url=https://ci:" + pw + "@git.local/x";
        String redacted = redactor.redact(text);
        assertThat(redacted).doesNotContain(gh).doesNotContain(pw)
                .isEqualTo("cannot parse line: token=**** url=https://ci:****@git.local/x");
    }

    @Test
    void leavesCleanTextAlone() {
        assertThat(redactor.redact("nothing to hide")).isEqualTo("nothing to hide");
        assertThat(redactor.redact(null)).isNull();
    }
}
