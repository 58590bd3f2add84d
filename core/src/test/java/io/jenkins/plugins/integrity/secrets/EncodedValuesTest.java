package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncodedValuesTest {
    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The encoded values of a text, its runs of value characters found by a plain loop (the reference). */
    private static List<EncodedValues.Decoded> find(String text) {
        byte[] latin1 = KeywordAutomaton.latin1(text);
        List<Integer> runs = new ArrayList<>();
        int i = 0;
        while (i < latin1.length) {
            int start = i;
            while (i < latin1.length && EncodedValues.VALUE_CHARS.indexOf(latin1[i] & 0xff) >= 0) {
                i++;
            }
            if (i - start >= EncodedValues.MIN_RUN) {
                runs.add(start);
                runs.add(i);
            }
            i = Math.max(i, start + 1);
        }
        return EncodedValues.find(text, latin1, runs.stream().mapToInt(Integer::intValue).toArray(),
                runs.size() / 2);
    }

    @Test
    void theRunsOfTheKeywordPassGiveWhatAPlainLoopGives() {
        KeywordAutomaton automaton = new KeywordAutomaton(List.of("password", "auth"), EncodedValues.VALUE_CHARS,
                EncodedValues.MIN_RUN);
        String[] pieces = {base64("user:hunter2-and-more"), base64("a longer text to decode, with words"),
            "p%40ss%3Aw%2Fd%21long", "spring.datasource.url", "../", "~/", "==", " ", "\n", ": ", "password=",
            "AbCdEfGhIjKlMnOpQrStUv", "0123456789abcdef0123456789abcdef", "\u00e9", "x"};
        Random random = new Random(20261204);
        for (int n = 0; n < 3000; n++) {
            StringBuilder text = new StringBuilder();
            for (int p = random.nextInt(40); p > 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            byte[] latin1 = KeywordAutomaton.latin1(t);
            KeywordAutomaton.Scan scan = automaton.scan(latin1);
            assertThat(EncodedValues.find(t, latin1, scan.runs(), scan.runCount())).as(t)
                    .isEqualTo(find(t));
        }
    }

    @Test
    void leadingDotsAreNotPartOfAValueButDotsInsideRefuseIt() {
        String value = base64("user:hunter2-and-more");
        List<EncodedValues.Decoded> found = find("path: .." + value + "\n");
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.start()).isEqualTo("path: ..".length());
            assertThat(d.text()).isEqualTo("user:hunter2-and-more");
            assertThat(d.encoding()).isEqualTo("base64-decoded");
        });
        assertThat(find("path: a." + value + "\n")).isEmpty();
        assertThat(find("ref: refs.heads.ZmVhdHVyZS1icmFuY2gtbmFtZQ\n")).isEmpty();
    }
}
