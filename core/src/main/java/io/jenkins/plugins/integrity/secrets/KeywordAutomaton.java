package io.jenkins.plugins.integrity.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * Aho-Corasick over ASCII keywords, case-insensitive: one pass over a text reports every keyword occurrence,
 * whatever the number of keywords. This is the prefilter that decides where a rule's regex runs at all.
 * Characters outside ASCII cannot be part of a keyword and reset the automaton.
 */
final class KeywordAutomaton {
    private static final int ALPHABET = 128;

    /** Receives keyword occurrences, in the order their last character is read. */
    interface Hits {
        void hit(int keyword, int start);

        /** A line feed was read at {@code offset}. */
        void lineEnd(int offset);
    }

    private final int[] delta;
    private final int[][] outputs;
    private final int[] lengths;

    /** @param keywords lower-case ASCII keywords; their index is what {@link Hits#hit} reports */
    KeywordAutomaton(List<String> keywords) {
        this.lengths = keywords.stream().mapToInt(String::length).toArray();
        List<int[]> next = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        next.add(newState());
        out.add(new ArrayList<>());
        for (int k = 0; k < keywords.size(); k++) {
            String word = keywords.get(k);
            if (word.isEmpty() || !isAscii(word)) {
                throw new IllegalArgumentException("keywords must be non-empty ASCII: '" + word + "'");
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
        delta = new int[states * ALPHABET];
        outputs = new int[states][];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int s = next.get(0)[c];
            delta[c] = Math.max(s, 0);
            if (s > 0) {
                queue.add(s);
            }
        }
        // breadth-first: a state's failure target is shallower, so its transitions are final already
        while (!queue.isEmpty()) {
            int state = queue.remove();
            out.get(state).addAll(out.get(fail[state]));
            for (int c = 0; c < ALPHABET; c++) {
                int s = next.get(state)[c];
                if (s > 0) {
                    fail[s] = delta[fail[state] * ALPHABET + c];
                    delta[state * ALPHABET + c] = s;
                    queue.add(s);
                } else {
                    delta[state * ALPHABET + c] = delta[fail[state] * ALPHABET + c];
                }
            }
        }
        for (int s = 0; s < states; s++) {
            List<Integer> o = out.get(s);
            outputs[s] = o.isEmpty() ? null : o.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        for (int i = 0; i < delta.length; i++) {
            if (outputs[delta[i]] != null) {
                delta[i] = ~delta[i];
            }
        }
    }

    void scan(String text, Hits hits) {
        int[] d = delta;
        int[][] o = outputs;
        char[] chars = text.toCharArray();
        int state = 0;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= ALPHABET) {
                state = 0;
                continue;
            }
            if (c == '\n') {
                hits.lineEnd(i);
            }
            int next = d[(state << 7) | fold(c)];
            if (next < 0) {
                // a state where keywords end is stored negated, so that the common case reads one array
                next = ~next;
                for (int k : o[next]) {
                    hits.hit(k, i + 1 - lengths[k]);
                }
            }
            state = next;
        }
    }

    static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < ALPHABET);
    }

    private static int fold(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    private static int[] newState() {
        int[] s = new int[ALPHABET];
        Arrays.fill(s, -1);
        return s;
    }
}
