package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncodedValuesTest {
    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRunsOfTheKeywordPassGiveWhatTheValuesOwnLoopGives() {
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
                    .isEqualTo(EncodedValues.find(t));
        }
    }

    @Test
    void leadingDotsAreNotPartOfAValueButDotsInsideRefuseIt() {
        String value = base64("user:hunter2-and-more");
        List<EncodedValues.Decoded> found = EncodedValues.find("path: .." + value + "\n");
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.start()).isEqualTo("path: ..".length());
            assertThat(d.text()).isEqualTo("user:hunter2-and-more");
            assertThat(d.encoding()).isEqualTo("base64-decoded");
        });
        assertThat(EncodedValues.find("path: a." + value + "\n")).isEmpty();
        assertThat(EncodedValues.find("ref: refs.heads.ZmVhdHVyZS1icmFuY2gtbmFtZQ\n")).isEmpty();
    }
}
