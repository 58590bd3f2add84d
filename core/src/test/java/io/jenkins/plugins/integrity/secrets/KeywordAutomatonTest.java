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
    /** The maximal runs of {@code chars} at least {@code minRun} long, found the plain way. */
    private static List<Integer> plainRuns(String text, String chars, int minRun) {
        List<Integer> runs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && chars.indexOf(text.charAt(i)) >= 0) {
                i++;
            }
            if (i - start >= minRun) {
                runs.add(start);
                runs.add(i);
            }
            i = Math.max(i, start + 1);
        }
        return runs;
    }

    @Test
    void reportsTheRunsOfValueBytesAPlainLoopFinds() {
        String chars = EncodedValues.VALUE_CHARS;
        String alphabet = "aZ09+/_-.~%= \n:\"'\u00e9";
        java.util.Random random = new java.util.Random(20261203);
        for (int minRun : new int[] {1, 3, EncodedValues.MIN_RUN, 40}) {
            for (List<String> keywords : List.of(List.of("to"), List.of("password", "-----begin openssh private key"))) {
                KeywordAutomaton automaton = new KeywordAutomaton(keywords, chars, minRun);
                for (int n = 0; n < 3000; n++) {
                    StringBuilder text = new StringBuilder();
                    for (int c = random.nextInt(n < 300 ? 60 : 500); c > 0; c--) {
                        // long runs now and then, so that runs cross the middle and the second automaton's start
                        int run = random.nextInt(8) == 0 ? random.nextInt(80) : 1;
                        char ch = alphabet.charAt(random.nextInt(alphabet.length()));
                        text.append(String.valueOf(ch).repeat(chars.indexOf(ch) >= 0 ? run : 1));
                    }
                    String t = text.toString();
                    KeywordAutomaton.Scan scan = automaton.scan(t);
                    List<Integer> found = new ArrayList<>();
                    for (int r = 0; r < 2 * scan.runCount(); r++) {
                        found.add(scan.runs()[r]);
                    }
                    assertThat(found).as(minRun + " " + keywords + " " + t).isEqualTo(plainRuns(t, chars, minRun));
                }
            }
        }
    }

    @Test
    void aRunAcrossTheMiddleIsReportedOnceWithItsTrueStart() {
        KeywordAutomaton automaton = new KeywordAutomaton(List.of("to"), EncodedValues.VALUE_CHARS, 14);
        String run = "x".repeat(300);
        KeywordAutomaton.Scan scan = automaton.scan("a: " + run + " b");
        assertThat(scan.runCount()).isEqualTo(1);
        assertThat(scan.runs()[0]).isEqualTo(3);
        assertThat(scan.runs()[1]).isEqualTo(303);
        // without value bytes, no run is reported
        assertThat(new KeywordAutomaton(List.of("to")).scan("a: " + run).runCount()).isZero();
    }
}
