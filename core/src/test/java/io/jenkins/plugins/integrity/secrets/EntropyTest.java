package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EntropyTest {
    /** The textbook sum, over the distinct characters in increasing order. */
    private static double reference(String text) {
        TreeMap<Character, Integer> counts = new TreeMap<>();
        text.chars().forEach(c -> counts.merge((char) c, 1, Integer::sum));
        double bits = 0;
        for (int count : counts.values()) {
            double p = (double) count / text.length();
            bits += -p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }

    @Test
    void bitsPerCharacterOfKnownTexts() {
        assertThat(Entropy.shannon("")).isZero();
        assertThat(Entropy.shannon("aaaa")).isZero();
        assertThat(Entropy.shannon("abab")).isEqualTo(1.0);
        assertThat(Entropy.shannon("abcd")).isEqualTo(2.0);
        assertThat(Entropy.shannon("\u00ff\u0100\u00ff\u0100")).isEqualTo(1.0);
    }

    @Test
    void sameBitsAsTheTextbookSumToTheLastDigit() {
        // thresholds compare entropies exactly, so the sum must not depend on how the counts are kept
        String alphabet = "abcXYZ0189+/=_-\u00e9\u00ff\u0100\u4e2d~ ";
        Random random = new Random(20261202);
        for (int i = 0; i < 20000; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = 1 + random.nextInt(80); c > 0; c--) {
                text.append(random.nextInt(4) == 0 ? (char) random.nextInt(256)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            assertThat(Entropy.shannon(t)).as(t).isEqualTo(reference(t));
        }
    }
}
