package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequiredTextTest {
    private static final String TEXT = "a://x\nb://y@h\nc://Z?\nd://u:p@host PASS\ne://v";

    /** Required texts "@" and "pass" found by the keyword pass, "?" (no keyword can hold it) by a search. */
    private static RequiredText required(String text) {
        KeywordAutomaton.Scan pass = new KeywordAutomaton(List.of("://", "@", "pass")).scan(text);
        return new RequiredText(text, List.of("@", "pass", "?"), pass, new int[] {-1, 0, 1},
                new boolean[] {true, true, false});
    }

    @Test
    void answersEveryWindowAsASearchOfTheWindowWould() {
        RequiredText required = required(TEXT);
        String[] needles = {"@", "pass", "?"};
        for (int from = 0; from <= TEXT.length(); from++) {
            for (int to = TEXT.length(); to >= from; to--) {
                String window = TEXT.substring(from, to);
                for (int n = 0; n < needles.length; n++) {
                    assertThat(required.allWithin(new int[] {n}, from, to)).as("%s in '%s'", needles[n], window)
                            .isEqualTo(window.toLowerCase().contains(needles[n]));
                }
                assertThat(required.allWithin(new int[] {0, 1}, from, to)).as(window)
                        .isEqualTo(window.contains("@") && window.contains("PASS"));
            }
        }
    }

    @Test
    void aTextWithoutTheRequiredTextPassesEveryWindowOver() {
        String text = "https://example.com/a\nhttps://example.com/b\n";
        RequiredText required = required(text);
        assertThat(required.allWithin(new int[] {0}, 0, text.length())).isFalse();
        assertThat(required.allWithin(new int[] {2}, 0, text.length())).isFalse();
    }

    @Test
    void foldsAsciiCaseOnly() {
        assertThat(RequiredText.indexOfIgnoreCase("x AKIA y", "akia", 0)).isEqualTo(2);
        assertThat(RequiredText.indexOfIgnoreCase("x \u212Aey key", "key", 0)).as("the Kelvin sign is not k")
                .isEqualTo(6);
        assertThat(RequiredText.indexOfIgnoreCase("a@b@c", "@", 2)).isEqualTo(3);
        assertThat(RequiredText.indexOfIgnoreCase("abc", "@", 0)).isEqualTo(-1);
    }
}
