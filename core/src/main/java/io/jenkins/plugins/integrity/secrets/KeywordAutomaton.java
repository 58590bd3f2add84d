package io.jenkins.plugins.integrity.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * Aho-Corasick over ASCII keywords, case-insensitive: one pass over a text reports every keyword occurrence,
 * whatever the number of keywords. This is the prefilter that decides where a rule's regex runs at all.
 * Characters outside ASCII cannot be part of a keyword and reset the automaton. The text is read as bytes
 * (one per character) through one transition table with case folding built in.
 */
final class KeywordAutomaton {
    private static final int ASCII = 128;
    /** Columns of the transition table: one per byte value, so that no byte needs a test before the lookup. */
    private static final int BYTES = 256;

    private final int[] delta;
    private final int[][] outputs;
    private final int[] lengths;
    /** The length of the longest keyword. */
    private final int longest;

    /** @param keywords lower-case printable ASCII keywords; their index is what a {@link Scan} reports */
    KeywordAutomaton(List<String> keywords) {
        this.lengths = keywords.stream().mapToInt(String::length).toArray();
        this.longest = Math.max(1, Arrays.stream(lengths).max().orElse(1));
        List<int[]> next = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        next.add(newState());
        out.add(new ArrayList<>());
        for (int k = 0; k < keywords.size(); k++) {
            String word = keywords.get(k);
            if (!accepts(word)) {
                throw new IllegalArgumentException("keywords must be non-empty ASCII without ? or a line feed: '"
                        + word + "'");
            }
            int state = 0;
            for (int i = 0; i < word.length(); i++) {
                int c = fold(word.charAt(i));
                if (next.get(state)[c] < 0) {
                    next.get(state)[c] = next.size();
                    next.add(newState());
                    out.add(new ArrayList<>());
                }
                state = next.get(state)[c];
            }
            out.get(state).add(k);
        }
        int states = next.size();
        int[] fail = new int[states];
        int[] ascii = new int[states * ASCII];
        outputs = new int[states][];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ASCII; c++) {
            int s = next.get(0)[c];
            ascii[c] = Math.max(s, 0);
            if (s > 0) {
                queue.add(s);
            }
        }
        // breadth-first: a state's failure target is shallower, so its transitions are final already
        while (!queue.isEmpty()) {
            int state = queue.remove();
            out.get(state).addAll(out.get(fail[state]));
            for (int c = 0; c < ASCII; c++) {
                int s = next.get(state)[c];
                if (s > 0) {
                    fail[s] = ascii[fail[state] * ASCII + c];
                    ascii[state * ASCII + c] = s;
                    queue.add(s);
                } else {
                    ascii[state * ASCII + c] = ascii[fail[state] * ASCII + c];
                }
            }
        }
        for (int s = 0; s < states; s++) {
            List<Integer> o = out.get(s);
            outputs[s] = o.isEmpty() ? null : o.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        // upper case folded into the table; a transition into a state where keywords end, or on a line feed,
        // is stored negated, so that the common case reads one array entry and tests its sign
        delta = new int[states * BYTES];
        for (int st = 0; st < states; st++) {
            for (int c = 0; c < ASCII; c++) {
                int target = ascii[st * ASCII + fold(c)];
                delta[st * BYTES + c] = outputs[target] != null || c == '\n' ? ~target : target;
            }
            // bytes beyond ASCII (0x80-0xff) lead back to the start state: no keyword goes on through them
        }
    }

    /**
     * What one pass over a text found: the keyword occurrences in the order their last character was read
     * (keyword index and start offset), and the offsets of the text's line feeds, in increasing order.
     */
    record Scan(int[] keywords, int[] starts, int hitCount, int[] lineFeeds, int lineCount) {}

    Scan scan(String text) {
        return scan(latin1(text));
    }

    /**
     * @param bytes the text, one byte per character (see {@link #latin1})
     *
     * <p>The pass is bound by the latency of one table read per byte, each depending on the one before. So
     * the two halves of a text are read in one loop by two automata at once, whose reads do not wait on each
     * other; the second starts {@link #longest} - 1 bytes before the middle, so that it knows every keyword
     * ending from the middle on, and reports only those.
     */
    Scan scan(byte[] bytes) {
        int n = bytes.length;
        Hits first = new Hits(n);
        int middle = n >>> 1;
        if (middle < longest) {
            run(bytes, 0, n, 0, first);
            return first.scan();
        }
        Hits second = new Hits(n);
        int[] d = delta;
        int s1 = 0;
        int s2 = 0;
        int j = middle - (longest - 1);
        for (int i = 0; i < middle; i++, j++) {
            int n1 = d[(s1 << 8) | (bytes[i] & 0xff)];
            int n2 = d[(s2 << 8) | (bytes[j] & 0xff)];
            if ((n1 | n2) < 0) {
                if (n1 < 0) {
                    n1 = ~n1;
                    first.add(n1, i, bytes[i]);
                }
                if (n2 < 0) {
                    n2 = ~n2;
                    if (j >= middle) {
                        second.add(n2, j, bytes[j]);
                    }
                }
            }
            s1 = n1;
            s2 = n2;
        }
        run(bytes, j, n, s2, second);
        return first.then(second);
    }

    /** Reads {@code bytes[from, to)} from {@code state} on. */
    private void run(byte[] bytes, int from, int to, int state, Hits hits) {
        int[] d = delta;
        for (int i = from; i < to; i++) {
            int next = d[(state << 8) | (bytes[i] & 0xff)];
            if (next < 0) {
                next = ~next;
                hits.add(next, i, bytes[i]);
            }
            state = next;
        }
    }

    /** What one automaton found: keyword hits (index and start) and line feeds, in the order they were read. */
    private final class Hits {
        private int[] lf;
        private int lines;
        private int[] kw = new int[16];
        private int[] at = new int[16];
        private int count;

        Hits(int length) {
            lf = new int[Math.max(16, length >>> 6)];
        }

        /** The automaton entered {@code state} reading byte {@code b} at {@code i}: a line feed, or keywords end. */
        void add(int state, int i, byte b) {
            if (b == '\n') {
                if (lines == lf.length) {
                    lf = Arrays.copyOf(lf, lines * 2);
                }
                lf[lines++] = i;
            }
            int[] found = outputs[state];
            if (found != null) {
                if (count + found.length > kw.length) {
                    kw = Arrays.copyOf(kw, Math.max(kw.length * 2, count + found.length));
                    at = Arrays.copyOf(at, kw.length);
                }
                for (int k : found) {
                    kw[count] = k;
                    at[count++] = i + 1 - lengths[k];
                }
            }
        }

        Scan scan() {
            return new Scan(kw, at, count, lf, lines);
        }

        /** These hits, then those of the automaton that read on from where this one stopped. */
        Scan then(Hits next) {
            int[] keywords = Arrays.copyOf(kw, count + next.count);
            int[] starts = Arrays.copyOf(at, count + next.count);
            System.arraycopy(next.kw, 0, keywords, count, next.count);
            System.arraycopy(next.at, 0, starts, count, next.count);
            int[] feeds = Arrays.copyOf(lf, lines + next.lines);
            System.arraycopy(next.lf, 0, feeds, lines, next.lines);
            return new Scan(keywords, starts, count + next.count, feeds, lines + next.lines);
        }
    }

    int length(int keyword) {
        return lengths[keyword];
    }

    /**
     * One byte per character: ISO-8859-1 (a plain copy for the usual Latin-1 string). Characters beyond it
     * become a byte that no keyword holds, which resets the automaton as a non-ASCII character must.
     */
    static byte[] latin1(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length == text.length()) {
            return bytes; // unmappable characters became '?', which no keyword holds
        }
        bytes = new byte[text.length()]; // surrogate pairs were folded into one '?': map char by char
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            bytes[i] = c < 256 ? (byte) c : (byte) 0x80;
        }
        return bytes;
    }

    /** Whether a keyword can be searched: non-empty ASCII without '?' (what unmappable text becomes) or a line feed. */
    static boolean accepts(String keyword) {
        return !keyword.isEmpty() && keyword.chars().allMatch(c -> c < ASCII && c != '?' && c != '\n');
    }

    private static int fold(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    private static int[] newState() {
        int[] s = new int[ASCII];
        Arrays.fill(s, -1);
        return s;
    }
}
