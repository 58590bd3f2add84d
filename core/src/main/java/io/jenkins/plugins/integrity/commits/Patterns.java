package io.jenkins.plugins.integrity.commits;

import java.util.List;
import java.util.Locale;

/** OpenSSH patterns ({@code *} any run, {@code ?} one character) and pattern lists with {@code !} negation. */
final class Patterns {
    private Patterns() {}

    static boolean matches(String pattern, String text) {
        return glob(pattern.toLowerCase(Locale.ROOT), 0, text.toLowerCase(Locale.ROOT), 0);
    }

    /** A negated pattern that matches wins over any other (match_pattern_list in OpenSSH). */
    static boolean matchesList(List<String> patterns, String text) {
        boolean matched = false;
        for (String p : patterns) {
            String t = p.trim();
            if (t.startsWith("!")) {
                if (matches(t.substring(1), text)) {
                    return false;
                }
            } else if (matches(t, text)) {
                matched = true;
            }
        }
        return matched;
    }

    /** Wildcard matching in O(pattern x text): on a mismatch, only the last star is given one more character. */
    private static boolean glob(String p, int pi, String t, int ti) {
        int star = -1;
        int mark = 0;
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
