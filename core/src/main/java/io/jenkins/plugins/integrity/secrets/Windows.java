package io.jenkins.plugins.integrity.secrets;

import java.util.Arrays;

/** The stretches of a text where one rule's regex must run, kept sorted and merged as they are added. */
final class Windows {
    private long[] spans = new long[4];
    private int size;

    void add(int start, int end) {
        if (size > 0) {
            long last = spans[size - 1];
            int ls = (int) (last >>> 32);
            int le = (int) last;
            if (start <= le + 1) {
                spans[size - 1] = pack(Math.min(ls, start), Math.max(le, end));
                return;
            }
        }
        if (size == spans.length) {
            spans = Arrays.copyOf(spans, size * 2);
        }
        spans[size++] = pack(start, end);
    }

    int size() {
        return size;
    }

    int start(int i) {
        return (int) (spans[i] >>> 32);
    }

    int end(int i) {
        return (int) spans[i];
    }

    private static long pack(int start, int end) {
        return ((long) start << 32) | (end & 0xffffffffL);
    }
}
