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

    @Test
    void bothHalvesTogetherFindWhatASearchForEachKeywordFinds() {
        List<String> keywords = List.of("ghp_", "akia", "token", "://", "@", "to", "_authtoken", "-----begin");
        String alphabet = "GHP_ghpAKIAakiaTOKENtoken:/@-_authbegin \n\u00e9xyz";
        java.util.Random random = new java.util.Random(20261202);
        KeywordAutomaton automaton = new KeywordAutomaton(keywords);
        for (int n = 0; n < 4000; n++) {
            StringBuilder text = new StringBuilder();
            for (int c = random.nextInt(n < 200 ? 40 : 400); c > 0; c--) {
                if (random.nextInt(5) == 0) {
                    text.append(keywords.get(random.nextInt(keywords.size())));
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String t = text.toString();
            KeywordAutomaton.Scan scan = automaton.scan(t);
            List<String> found = new ArrayList<>();
            int lastEnd = -1;
            for (int h = 0; h < scan.hitCount(); h++) {
                String k = keywords.get(scan.keywords()[h]);
                int end = scan.starts()[h] + k.length() - 1;
                assertThat(end).as("hits in the order their last character was read").isGreaterThanOrEqualTo(lastEnd);
                lastEnd = end;
                found.add(scan.starts()[h] + ":" + k);
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < t.length(); i++) {
                for (String k : keywords) {
                    if (t.regionMatches(true, i, k, 0, k.length()) && t.substring(i, i + k.length()).chars()
                            .allMatch(ch -> ch < 128)) {
                        expected.add(i + ":" + k);
                    }
                }
            }
            assertThat(found).as(t).containsExactlyInAnyOrderElementsOf(expected);
            List<Integer> feeds = new ArrayList<>();
            for (int l = 0; l < scan.lineCount(); l++) {
                feeds.add(scan.lineFeeds()[l]);
            }
            List<Integer> expectedFeeds = new ArrayList<>();
            for (int i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) {
                expectedFeeds.add(i);
            }
            assertThat(feeds).as(t).isEqualTo(expectedFeeds);
        }
    }
}
