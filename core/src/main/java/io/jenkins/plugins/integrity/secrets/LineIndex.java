package io.jenkins.plugins.integrity.secrets;

import java.util.Arrays;

/** Turns character offsets of a text into 1-based line and column numbers. */
final class LineIndex {
    private final int[] lineStarts;

    /** From the offsets of the text's line feeds, in increasing order (as the keyword pass records them). */
    LineIndex(int[] lineFeeds, int count) {
        int[] starts = new int[count + 1];
        for (int i = 0; i < count; i++) {
            starts[i + 1] = lineFeeds[i] + 1;
        }
        this.lineStarts = starts;
    }

    /** The whole line of a text that holds {@code offset}, without its line feed. */
    static String lineAt(String text, int offset) {
        int from = text.lastIndexOf('\n', offset - 1) + 1;
        int to = text.indexOf('\n', offset);
        return text.substring(from, to < 0 ? text.length() : to);
    }

    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }
}
