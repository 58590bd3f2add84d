package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordAutomatonTest {
    /** Keyword hits and line feeds of one pass, in the order they were read. */
    private static List<String> hits(List<String> keywords, String text) {
        KeywordAutomaton.Scan scan = new KeywordAutomaton(keywords).scan(text);
        List<String> out = new ArrayList<>();
        int l = 0;
        for (int h = 0; h < scan.hitCount(); h++) {
            String k = keywords.get(scan.keywords()[h]);
            int last = scan.starts()[h] + k.length() - 1;
            while (l < scan.lineCount() && scan.lineFeeds()[l] < last) {
                out.add("LF@" + scan.lineFeeds()[l++]);
            }
            out.add(k + "@" + scan.starts()[h]);
        }
        while (l < scan.lineCount()) {
            out.add("LF@" + scan.lineFeeds()[l++]);
        }
        return out;
    }

    @Test
    void surrogatePairsKeepOffsetsOneCharacterEach() {
        assertThat(hits(List.of("token"), "\uD83D\uDE00 token")).containsExactly("token@3");
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
