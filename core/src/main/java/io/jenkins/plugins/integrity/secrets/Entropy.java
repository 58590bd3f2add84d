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
        // which of the 256 counts are in use, so that only those are summed, in the order of their characters
        long[] used = new long[4];
        Map<Character, Integer> other = null;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 256) {
                latin[c]++;
                used[c >>> 6] |= 1L << c;
            } else {
                if (other == null) {
                    other = new HashMap<>();
                }
                other.merge(c, 1, Integer::sum);
            }
        }
        double bits = 0;
        for (int w = 0; w < used.length; w++) {
            for (long bitsUsed = used[w]; bitsUsed != 0; bitsUsed &= bitsUsed - 1) {
                bits += term(latin[w << 6 | Long.numberOfTrailingZeros(bitsUsed)], n);
            }
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
