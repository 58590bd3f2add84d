package io.jenkins.plugins.integrity.secrets;

import java.util.Arrays;
import java.util.List;

/**
 * Where, in one text, the texts that rules require ({@link SecretRule#requires}) occur, so that a window
 * without them is passed over before its regex runs. Required texts the keyword pass can find are among its
 * keywords, so their offsets come from that pass and the text is not read again; any other is searched for
 * once, the first time a window asks. A window is then answered by a binary search, however many rules and
 * windows ask: the lines that hold {@code ://} but no {@code @} cost the URL rules nothing.
 */
final class RequiredText {
    private final String text;
    private final List<String> needles;
    /** The offsets of each needle, increasing, in the first {@link #counts} entries; null until searched. */
    private final int[][] offsets;
    private final int[] counts;

    /**
     * @param needles the required texts, lower case (ASCII letters match either case)
     * @param needleOfKeyword for each keyword of the pass, the needle it is, or -1
     * @param foundByPass which needles are keywords of the pass
     */
    RequiredText(String text, List<String> needles, KeywordAutomaton.Scan pass, int[] needleOfKeyword,
            boolean[] foundByPass) {
        this.text = text;
        this.needles = needles;
        this.offsets = new int[needles.size()][];
        this.counts = new int[needles.size()];
        for (int i = 0; i < needles.size(); i++) {
            if (foundByPass[i]) {
                offsets[i] = new int[8];
            }
        }
        for (int h = 0; h < pass.hitCount(); h++) {
            int needle = needleOfKeyword[pass.keywords()[h]];
            if (needle >= 0) {
                add(needle, pass.starts()[h]); // one keyword's hits come in the order of their offsets
            }
        }
    }

    /** Whether each of the needles (by index) occurs whole in {@code text[from, to)}. */
    boolean allWithin(int[] required, int from, int to) {
        for (int needle : required) {
            int[] at = offsets(needle);
            int i = Arrays.binarySearch(at, 0, counts[needle], from);
            int first = i >= 0 ? i : -i - 1;
            if (first == counts[needle] || at[first] + needles.get(needle).length() > to) {
                return false;
            }
        }
        return true;
    }

    private int[] offsets(int needle) {
        if (offsets[needle] == null) {
            offsets[needle] = new int[8];
            String lower = needles.get(needle);
            for (int at = indexOfIgnoreCase(text, lower, 0); at >= 0; at = indexOfIgnoreCase(text, lower, at + 1)) {
                add(needle, at);
            }
        }
        return offsets[needle];
    }

    private void add(int needle, int offset) {
        if (counts[needle] == offsets[needle].length) {
            offsets[needle] = Arrays.copyOf(offsets[needle], counts[needle] * 2);
        }
        offsets[needle][counts[needle]++] = offset;
    }

    /** Finds a lower-case needle from {@code from} on, folding ASCII upper case. */
    static int indexOfIgnoreCase(String text, String lowerNeedle, int from) {
        if (lowerNeedle.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            return text.indexOf(lowerNeedle, from); // nothing to fold: the JDK's own search
        }
        int n = lowerNeedle.length();
        char first = lowerNeedle.charAt(0);
        outer:
        for (int i = from, last = text.length() - n; i <= last; i++) {
            if (fold(text.charAt(i)) != first) {
                continue;
            }
            for (int j = 1; j < n; j++) {
                if (fold(text.charAt(i + j)) != lowerNeedle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
