package io.jenkins.plugins.integrity.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A regex of a rule, of a rule's path or of an allowlist, with RE2's meaning: the JDK's engine answers where
 * it reads the regex as RE2 does (ASCII text, within its budget of steps; see {@link BacktrackingRegex}),
 * RE2/J otherwise. Rules are run on every keyword window, allowlists asked about every candidate and paths
 * about every file, on short texts where RE2/J's NFA and set-up cost several times the JDK's match.
 */
public final class RulePattern {
    private final Pattern re2;
    private final BacktrackingRegex jdk;

    private RulePattern(Pattern re2) {
        this.re2 = re2;
        this.jdk = BacktrackingRegex.of(re2.pattern());
    }

    public static RulePattern of(Pattern re2) {
        return new RulePattern(re2);
    }

    /** Whether the regex matches somewhere in the text, as RE2's {@code find} says. */
    public boolean find(String text) {
        if (jdk != null && BacktrackingRegex.plainWindow(text, 0, text.length())) {
            Boolean found = jdk.finds(text);
            if (found != null) {
                return found;
            }
        }
        return re2.matcher(text).find();
    }

    /** The matches in {@code text[from, to)}, one after the other, as {@link MatchSpans} lists them. */
    int[] matches(String text, int from, int to, int group) {
        if (jdk != null && BacktrackingRegex.plainWindow(text, from, to)) {
            int[] spans = jdk.matches(text, from, to, group);
            if (spans != null) {
                return spans;
            }
        }
        return re2Matches(text, from, to, group);
    }

    /** RE2/J's matches in {@code text[from, to)}, as {@link #matches} gives them. */
    int[] re2Matches(String text, int from, int to, int group) {
        Matcher m = re2.matcher(text.substring(from, to));
        MatchSpans spans = new MatchSpans();
        while (m.find()) {
            spans.add(from, m.start(), m.end(), m.start(group), m.end(group));
        }
        return spans.toArray();
    }

    public String pattern() {
        return re2.pattern();
    }

    @Override
    public String toString() {
        return re2.pattern();
    }
}
