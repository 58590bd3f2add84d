package io.jenkins.plugins.integrity.secrets;

import com.google.re2j.Pattern;

/**
 * A regex of a rule's path or of an allowlist, with RE2's meaning, asked only whether it occurs in a text:
 * the JDK's engine answers where it reads the regex as RE2 does (ASCII text, within its budget of steps; see
 * {@link BacktrackingRegex}), RE2/J otherwise. Allowlists are asked about every candidate and paths about
 * every file, on short texts where RE2/J's set-up costs more than the match.
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

    public String pattern() {
        return re2.pattern();
    }

    @Override
    public String toString() {
        return re2.pattern();
    }
}
