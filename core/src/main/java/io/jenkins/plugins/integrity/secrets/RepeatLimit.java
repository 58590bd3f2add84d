package io.jenkins.plugins.integrity.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits Go's regexp (and so gitleaks) and RE2 put on a regex beyond its syntax, which RE2/J does not
 * enforce: counted repetitions nested in one another may not multiply to more than {@value #MAX_REPEAT}
 * ({@code (?:[a-z]{1,1000}){1,1000}} would otherwise expand into a million instructions, and RE2/J's
 * compiler recurses once per copy until the stack overflows), and groups may not nest deeper than
 * {@value #MAX_DEPTH}. Go's rule (regexp/syntax {@code repeatIsValid}): going down from a repetition, each
 * counted repetition's maximum (its minimum when unbounded) divides what is left of the limit.
 */
final class RepeatLimit {
    static final int MAX_REPEAT = 1000;
    static final int MAX_DEPTH = 1000;
    private static final Pattern COUNT = Pattern.compile("\\{(\\d{1,9})(?:(,)(\\d{0,9}))?}");

    private RepeatLimit() {}

    /** A counted repetition: its bounds (max -1 when unbounded) and the counted repetitions inside it. */
    private record Repeat(int min, int max, List<Repeat> inner) {}

    /** What is wrong with the regex under these limits, or null when it keeps within them. */
    static String violation(String regex) {
        Deque<List<Repeat>> groups = new ArrayDeque<>();
        List<Repeat> current = new ArrayList<>();
        List<Repeat> atom = List.of(); // the counted repetitions inside the last atom read
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\' -> {
                    i = afterEscape(regex, i);
                    atom = List.of();
                    continue;
                }
                case '[' -> {
                    i = afterClass(regex, i);
                    atom = List.of();
                    continue;
                }
                case '(' -> {
                    if (groups.size() >= MAX_DEPTH) {
                        return "its groups nest deeper than " + MAX_DEPTH;
                    }
                    groups.push(current);
                    current = new ArrayList<>();
                    atom = List.of();
                }
                case ')' -> {
                    List<Repeat> inside = current;
                    current = groups.isEmpty() ? new ArrayList<>() : groups.pop();
                    atom = inside;
                    current.addAll(inside);
                }
                case '{' -> {
                    Matcher m = COUNT.matcher(regex).region(i, regex.length());
                    if (m.lookingAt()) {
                        int min = Integer.parseInt(m.group(1));
                        int max = m.group(2) == null ? min : m.group(3).isEmpty() ? -1 : Integer.parseInt(m.group(3));
                        Repeat r = new Repeat(min, max, atom);
                        if ((min >= 2 || max >= 2) && !valid(r, MAX_REPEAT)) {
                            return "its counted repetitions nested in one another multiply to more than "
                                    + MAX_REPEAT + " (at '" + m.group() + "')";
                        }
                        current.subList(current.size() - atom.size(), current.size()).clear(); // the atom's, now r's
                        current.add(r);
                        atom = List.of(r);
                        i = m.end();
                        continue;
                    }
                    atom = List.of(); // a literal brace
                }
                case '*', '+', '?' -> { } // repetitions that are not counted leave the atom as it was
                default -> atom = List.of();
            }
            i++;
        }
        return null;
    }

    private static boolean valid(Repeat r, int limit) {
        int m = r.max() == -1 ? r.min() : r.max();
        if (r.max() == 0) {
            return true;
        }
        if (m > limit) {
            return false;
        }
        int left = m > 0 ? limit / m : limit;
        for (Repeat in : r.inner()) {
            if (!valid(in, left)) {
                return false;
            }
        }
        return true;
    }

    /** After an escape: {@code \Q...\E}, {@code \x{...}}, {@code \p{...}} and {@code \P{...}} as one. */
    private static int afterEscape(String regex, int i) {
        if (i + 1 >= regex.length()) {
            return regex.length();
        }
        char e = regex.charAt(i + 1);
        if (e == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? regex.length() : end + 2;
        }
        if ((e == 'x' || e == 'p' || e == 'P') && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
            int end = regex.indexOf('}', i + 3);
            return end < 0 ? regex.length() : end + 1;
        }
        return i + 2;
    }

    /** After a character class: a leading ']' (after an optional '^') is a member, as are escapes and [:name:]. */
    private static int afterClass(String regex, int i) {
        int j = i + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++;
        }
        while (j < regex.length()) {
            char c = regex.charAt(j);
            if (c == '\\') {
                j = afterEscape(regex, j);
            } else if (c == '[' && j + 1 < regex.length() && regex.charAt(j + 1) == ':') {
                int end = regex.indexOf(":]", j + 2);
                j = end < 0 ? j + 1 : end + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return j;
    }
}
