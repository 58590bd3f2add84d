package io.jenkins.plugins.integrity.secrets;

import java.util.Arrays;
import java.util.List;

/**
 * Whether the windows of one rule in one text hold every text the rule requires ({@link SecretRule#requires}),
 * for windows asked about in increasing order, as a rule's windows are. Each required text's next occurrence
 * is remembered, so the text is searched once from start to end however many windows there are: a line
 * that holds {@code ://} but no {@code @} costs nothing after the first search found the next {@code @}.
 */
final class RequiredText {
    private final String text;
    private final List<String> needles;
    /** Where the last search for each needle started (none yet: past the end). */
    private final int[] searchedFrom;
    /** What it found: the first occurrence at or after {@link #searchedFrom}, or -1 for none. */
    private final int[] next;

    /** @param lowerNeedles the required texts, in lower case; ASCII letters match either case */
    RequiredText(String text, List<String> lowerNeedles) {
        this.text = text;
        this.needles = lowerNeedles;
        this.searchedFrom = new int[lowerNeedles.size()];
        this.next = new int[lowerNeedles.size()];
        Arrays.fill(searchedFrom, Integer.MAX_VALUE);
    }

    /** Whether each required text occurs whole in {@code text[from, to)}. */
    boolean allWithin(int from, int to) {
        for (int i = 0; i < needles.size(); i++) {
            int at = nextAt(i, from);
            if (at < 0 || at + needles.get(i).length() > to) {
                return false;
            }
        }
        return true;
    }

    private int nextAt(int i, int from) {
        if (searchedFrom[i] <= from && (next[i] < 0 || next[i] >= from)) {
            return next[i]; // nothing between where the last search started and what it found
        }
        searchedFrom[i] = from;
        next[i] = indexOfIgnoreCase(text, needles.get(i), from);
        return next[i];
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
