package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordAutomatonTest {
    private static List<String> hits(List<String> keywords, String text) {
        List<String> out = new ArrayList<>();
        new KeywordAutomaton(keywords).scan(text, new KeywordAutomaton.Hits() {
            @Override
            public void hit(int keyword, int start) {
                out.add(keywords.get(keyword) + "@" + start);
            }

            @Override
            public void lineEnd(int offset) {
                out.add("LF@" + offset);
            }
        });
        return out;
    }

    @Test
    void findsOverlappingKeywordsIncludingSuffixesOfOthers() {
        assertThat(hits(List.of("he", "she", "his", "hers"), "ushers"))
                .containsExactly("she@1", "he@2", "hers@2");
    }

    @Test
    void foldsAsciiCaseAndReportsLineEnds() {
        assertThat(hits(List.of("ghp_", "akia"), "x GHP_a\nAkIaZ")).containsExactly("ghp_@2", "LF@7", "akia@8");
    }

    @Test
    void nonAsciiCharactersBreakAKeyword() {
        assertThat(hits(List.of("token"), "tok\u00e9n token")).containsExactly("token@6");
    }

    @Test
    void refusesNonAsciiKeywords() {
        assertThatThrownBy(() -> new KeywordAutomaton(List.of("clé"))).isInstanceOf(IllegalArgumentException.class);
    }
}
