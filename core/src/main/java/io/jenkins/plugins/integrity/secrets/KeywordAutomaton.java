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
 *
 * <p>The same pass reports the runs of <em>value bytes</em> (the characters of base64 and percent-encoded
 * values, for {@link EncodedValues}) at least a given length: each table entry carries, beside the state it
 * leads to, whether the byte read is a value byte, so the runs cost a few register operations per byte and no
 * second read of the text.
 */
final class KeywordAutomaton {
    private static final int ASCII = 128;
    /** Columns of the transition table: one per byte value, so that no byte needs a test before the lookup. */
    private static final int BYTES = 256;

    /** Clears an entry's low byte, where the value-byte bit lies, leaving the state it leads to times 256. */
    private static final int STATE = ~0xff;

    /** Entries {@code state << 8 | v}, v = 1 when the byte is a value byte; negated where keywords end. */
    private final int[] delta;
    private final boolean[] valueByte = new boolean[BYTES];
    /** The shortest run of value bytes the pass reports. */
    private final int minRun;
    /** How far before the middle the second automaton starts (see {@link #scan(byte[])}). */
    private final int lead;
    private final int[][] outputs;
    private final int[] lengths;
    /** The length of the longest keyword. */
    private final int longest;

    /** @param keywords lower-case printable ASCII keywords; their index is what a {@link Scan} reports */
    KeywordAutomaton(List<String> keywords) {
        this(keywords, "", Integer.MAX_VALUE);
    }

    /**
     * @param valueBytes ASCII characters whose runs the pass reports as well
     * @param minRun the shortest run of them it reports (at least 1)
     */
    KeywordAutomaton(List<String> keywords, String valueBytes, int minRun) {
        if (minRun < 1) {
            throw new IllegalArgumentException("minRun must be at least 1: " + minRun);
        }
        this.minRun = minRun;
        valueBytes.chars().filter(c -> c < ASCII).forEach(c -> valueByte[c] = true);
        this.lengths = keywords.stream().mapToInt(String::length).toArray();
        this.longest = Math.max(1, Arrays.stream(lengths).max().orElse(1));
        this.lead = Math.max(longest - 1, valueBytes.isEmpty() ? 0 : minRun);
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
        // the table numbers the states in the order this breadth-first walk meets them, the shallow ones (where
        // the pass spends nearly all its reads) first, so that the rows it reads lie together in the caches
        int[] order = new int[states];
        int[] number = new int[states];
        int placed = 1;
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
            number[state] = placed;
            order[placed++] = state;
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
            List<Integer> o = out.get(order[s]);
            outputs[s] = o.isEmpty() ? null : o.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        // upper case folded into the table; a transition into a state where keywords end, or on a line feed,
        // is stored negated, so that the common case reads one array entry and tests its sign
        delta = new int[states * BYTES];
        for (int st = 0; st < states; st++) {
            for (int c = 0; c < ASCII; c++) {
                int target = number[ascii[order[st] * ASCII + fold(c)]];
                int entry = target << 8 | (valueByte[c] ? 1 : 0);
                delta[st * BYTES + c] = outputs[target] != null || c == '\n' ? ~entry : entry;
            }
            // bytes beyond ASCII (0x80-0xff) lead back to the start state: no keyword goes on through them, and
            // they are no value bytes (entry 0)
        }
    }

    /**
     * What one pass over a text found: the keyword occurrences in the order their last character was read
     * (keyword index and start offset), the offsets of the text's line feeds, in increasing order, and the
     * maximal runs of value bytes at least the minimum long, in increasing order: run {@code r} is
     * {@code [runs[2r], runs[2r + 1])}.
     */
    record Scan(int[] keywords, int[] starts, int hitCount, int[] lineFeeds, int lineCount, int[] runs,
            int runCount) {}

    Scan scan(String text) {
        return scan(latin1(text));
    }

    /**
     * @param bytes the text, one byte per character (see {@link #latin1})
     *
     * <p>The pass is bound by the latency of one table read per byte, each depending on the one before. So
     * the two halves of a text are read in one loop by two automata at once, whose reads do not wait on each
     * other. The second starts {@code lead} bytes before the middle, at least {@link #longest} - 1, so that it
     * knows every keyword ending from the middle on, and reports only those; and at least {@link #minRun}, so
     * that a run of value bytes it finds ending from the middle on is long enough to report even when it began
     * before the second automaton did (where {@link Hits#run} finds its true start).
     *
     * <p>A run is followed without a branch: after each byte, {@code z} is -1 if it was no value byte and 0
     * if it was, {@code z & (minRun - 1 - length)} is negative just when a run at least {@code minRun} long
     * ends there, and {@code runStart += (i + 1 - runStart) & z} moves the start past the byte that ended it.
     */
    Scan scan(byte[] bytes) {
        int n = bytes.length;
        int middle = n >>> 1;
        Hits first = new Hits(n, 0);
        if (middle <= lead) {
            run(bytes, 0, n, 0, 0, first);
            return first.scan();
        }
        int j = middle - lead;
        Hits second = new Hits(n, j);
        int[] d = delta;
        int m = minRun - 1;
        int x1 = 0;
        int x2 = 0;
        int rs1 = 0;
        int rs2 = j;
        for (int i = 0; i < middle; i++, j++) {
            int n1 = d[(x1 & STATE) | (bytes[i] & 0xff)];
            int n2 = d[(x2 & STATE) | (bytes[j] & 0xff)];
            if ((n1 | n2) < 0) {
                if (n1 < 0) {
                    n1 = ~n1;
                    first.add(n1 >>> 8, i, bytes[i]);
                }
                if (n2 < 0) {
                    n2 = ~n2;
                    if (j >= middle) {
                        second.add(n2 >>> 8, j, bytes[j]);
                    }
                }
            }
            int z1 = (n1 & 1) - 1;
            int z2 = (n2 & 1) - 1;
            int end1 = z1 & (m - i + rs1);
            int end2 = z2 & (m - j + rs2);
            if ((end1 | end2) < 0) {
                if (end1 < 0) {
                    first.run(bytes, rs1, i);
                }
                if (end2 < 0 && j >= middle) {
                    second.run(bytes, rs2, j);
                }
            }
            rs1 += (i + 1 - rs1) & z1;
            rs2 += (j + 1 - rs2) & z2;
            x1 = n1;
            x2 = n2;
        }
        // the first automaton's open run goes on past the middle: the second reports it
        run(bytes, j, n, x2, rs2, second);
        return first.then(second);
    }

    /** Reads {@code bytes[from, to)} on from {@code entry}, with a run of value bytes open from {@code runStart}. */
    private void run(byte[] bytes, int from, int to, int entry, int runStart, Hits hits) {
        int[] d = delta;
        int m = minRun - 1;
        for (int i = from; i < to; i++) {
            int next = d[(entry & STATE) | (bytes[i] & 0xff)];
            if (next < 0) {
                next = ~next;
                hits.add(next >>> 8, i, bytes[i]);
            }
            int z = (next & 1) - 1;
            if ((z & (m - i + runStart)) < 0) {
                hits.run(bytes, runStart, i);
            }
            runStart += (i + 1 - runStart) & z;
            entry = next;
        }
        if (to - runStart >= minRun) {
            hits.run(bytes, runStart, to);
        }
    }

    /**
     * What one automaton found: keyword hits (index and start), line feeds and runs of value bytes, in the
     * order they were read.
     */
    private final class Hits {
        private int[] lf;
        private int lines;
        private int[] kw = new int[16];
        private int[] at = new int[16];
        private int count;
        private int[] runs = new int[16];
        private int runCount;
        /** Where the automaton began to read: a run starting there may have begun before. */
        private final int floor;

        Hits(int length, int floor) {
            lf = new int[Math.max(16, length >>> 6)];
            this.floor = floor;
        }

        /** A run of value bytes at least {@link #minRun} long ends at {@code end}. */
        void run(byte[] bytes, int start, int end) {
            if (start == floor) {
                while (start > 0 && valueByte[bytes[start - 1] & 0xff]) {
                    start--;
                }
            }
            if (2 * runCount + 2 > runs.length) {
                runs = Arrays.copyOf(runs, runs.length * 2);
            }
            runs[2 * runCount] = start;
            runs[2 * runCount + 1] = end;
            runCount++;
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
            return new Scan(kw, at, count, lf, lines, runs, runCount);
        }

        /** These hits, then those of the automaton that read on from where this one stopped. */
        Scan then(Hits next) {
            int[] keywords = Arrays.copyOf(kw, count + next.count);
            int[] starts = Arrays.copyOf(at, count + next.count);
            System.arraycopy(next.kw, 0, keywords, count, next.count);
            System.arraycopy(next.at, 0, starts, count, next.count);
            int[] feeds = Arrays.copyOf(lf, lines + next.lines);
            System.arraycopy(next.lf, 0, feeds, lines, next.lines);
            int[] allRuns = Arrays.copyOf(runs, 2 * (runCount + next.runCount));
            System.arraycopy(next.runs, 0, allRuns, 2 * runCount, 2 * next.runCount);
            return new Scan(keywords, starts, count + next.count, feeds, lines + next.lines, allRuns,
                    runCount + next.runCount);
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
