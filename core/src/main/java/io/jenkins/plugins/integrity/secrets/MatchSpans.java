package io.jenkins.plugins.integrity.secrets;

import java.util.Arrays;

/**
 * A regex's matches in a window, in the order they were found, as offsets in the whole text: for each, the
 * match's start and end and its secret group's start and end (-1 and -1 for a group that took no part).
 */
final class MatchSpans {
    private int[] spans = new int[8];
    private int size;

    /** One match, with offsets in a window that starts at {@code windowStart}. */
    void add(int windowStart, int start, int end, int groupStart, int groupEnd) {
        if (size + 4 > spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[size++] = windowStart + start;
        spans[size++] = windowStart + end;
        spans[size++] = groupStart < 0 ? -1 : windowStart + groupStart;
        spans[size++] = groupStart < 0 ? -1 : windowStart + groupEnd;
    }

    /** Four ints per match. */
    int[] toArray() {
        return Arrays.copyOf(spans, size);
    }
}
