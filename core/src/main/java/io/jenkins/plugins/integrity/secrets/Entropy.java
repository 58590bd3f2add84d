package io.jenkins.plugins.integrity.secrets;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy in bits per character: how random a candidate secret looks. */
public final class Entropy {
    private static final double LN2 = Math.log(2);

    private Entropy() {}

    public static double shannon(CharSequence text) {
        int n = text.length();
        if (n == 0) {
            return 0;
        }
        int[] latin = new int[256];
        Map<Character, Integer> other = null;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 256) {
                latin[c]++;
            } else {
                if (other == null) {
                    other = new HashMap<>();
                }
                other.merge(c, 1, Integer::sum);
            }
        }
        double bits = 0;
        for (int count : latin) {
            bits += term(count, n);
        }
        if (other != null) {
            for (int count : other.values()) {
                bits += term(count, n);
            }
        }
        return bits;
    }

    private static double term(int count, int n) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / n;
        return -p * (Math.log(p) / LN2);
    }
}
