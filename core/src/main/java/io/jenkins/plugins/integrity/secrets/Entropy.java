package io.jenkins.plugins.integrity.secrets;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy in bits per character: how random a candidate secret looks. */
public final class Entropy {
    private Entropy() {}

    public static double shannon(CharSequence text) {
        int n = text.length();
        if (n == 0) {
            return 0;
        }
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(text.charAt(i), 1, Integer::sum);
        }
        double bits = 0;
        for (int count : counts.values()) {
            double p = (double) count / n;
            bits -= p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }
}
