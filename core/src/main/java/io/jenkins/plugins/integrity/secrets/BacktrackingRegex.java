package io.jenkins.plugins.integrity.secrets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regex of a rule (or of an allowlist or a rule's path, see {@link RulePattern}) run by the JDK's
 * backtracking engine, which on the short windows of a scan is several times faster than RE2/J's NFA, kept
 * to where it finds exactly what RE2/J finds and to a bounded amount of work:
 * <ul>
 *   <li>only regexes made of constructs that mean the same in both syntaxes ({@link #of} says which), run on
 *   windows of ASCII text without a vertical tab (where {@code \b}, {@code \s} and {@code (?i)} agree);</li>
 *   <li>each run may read at most {@value #STEPS_PER_CHAR} characters per character of its window (plus
 *   {@value #BASE_STEPS}, and {@value #MAX_STEPS} in all, so that a whole-text window wastes little before
 *   it is handed over); a regex that backtracks further gives up, and RE2/J, linear in the window, runs
 *   instead ({@link #matches} returns null). No input makes a scan take exponential time.</li>
 * </ul>
 */
final class BacktrackingRegex {
    static final int STEPS_PER_CHAR = 256;
    static final int BASE_STEPS = 4096;
    static final long MAX_STEPS = 1L << 25;

    private final Pattern pattern;

    private BacktrackingRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * The JDK's compilation of an RE2 regex, or null when the JDK might read it differently. Accepted: literals,
     * character classes without POSIX classes, nesting or intersections ({@code &&}), the escapes
     * {@code \b \B \w \W \d \D \s \S \t \n \r \f \x \A \z} and escaped punctuation, groups (without
     * names), the flags i and s anywhere and m at the very start, and repetitions, except of a group by
     * {@code *}, {@code +} or a count (engines differ on a repeated group that matched nothing). {@code ^} and
     * {@code $} are written out as RE2 reads them: {@code $} is the end of the text (the JDK's would also match
     * before a final line feed), and under m, {@code ^} is also after the text's final line feed.
     */
    static BacktrackingRegex of(String re2) {
        String jdk = translate(re2);
        if (jdk == null) {
            return null;
        }
        try {
            return new BacktrackingRegex(Pattern.compile(jdk, Pattern.UNIX_LINES));
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /** The regex in the JDK's syntax with RE2's meaning, or null when it holds a construct not accepted. */
    static String translate(String re) {
        StringBuilder out = new StringBuilder(re.length() + 16);
        int i = 0;
        boolean multiline = false;
        if (re.startsWith("(?") && !re.startsWith("(?:")) {
            int close = re.indexOf(')', 2);
            String flags = close < 0 ? "" : re.substring(2, close);
            if (flags.matches("[ims]+")) {
                multiline = flags.contains("m");
                flags = flags.replace("m", "");
                out.append(flags.isEmpty() ? "" : "(?" + flags + ")");
                i = close + 1;
            }
        }
        boolean inClass = false;
        int classStart = -1;
        for (; i < re.length(); i++) {
            char c = re.charAt(i);
            char next = i + 1 < re.length() ? re.charAt(i + 1) : 0;
            if (c == '\\') {
                if (!plainEscape(next, inClass)) {
                    return null;
                }
                out.append(c).append(next);
                i++;
                continue;
            }
            if (inClass) {
                if (c == '[' || (c == '&' && next == '&') || (c == ']' && i == classStart)) {
                    return null;
                }
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                classStart = next == '^' ? i + 2 : i + 1;
            } else if (c == '$') {
                out.append(multiline ? "(?=\\n|\\z)" : "\\z");
                continue;
            } else if (c == '^' && multiline) {
                out.append("(?:\\A|(?<=\\n))");
                continue;
            } else if (c == '(' && next == '?' && !plainGroup(re, i + 2)) {
                return null;
            } else if (c == ')' && (next == '*' || next == '+' || next == '{')) {
                return null;
            }
            out.append(c);
        }
        return inClass ? null : out.toString();
    }

    private static boolean plainEscape(char c, boolean inClass) {
        if (Character.isLetterOrDigit(c)) {
            return "wWdDsStnrfx".indexOf(c) >= 0 || (!inClass && "bBAz".indexOf(c) >= 0);
        }
        return c != 0;
    }

    /** After {@code (?}: {@code :}, or the flags i and s (or their negation) ending in {@code )} or {@code :}. */
    private static boolean plainGroup(String re, int at) {
        for (int i = at; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == ':' || c == ')') {
                return true;
            }
            if (c != 'i' && c != 's' && c != '-') {
                return false;
            }
        }
        return false;
    }

    /** Whether {@code text[from, to)} is ASCII without a vertical tab, where both engines agree on this regex. */
    static boolean plainWindow(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || c == 0x0B) {
                return false;
            }
        }
        return true;
    }

    /**
     * The matches in {@code text[from, to)}, found as {@code Matcher.find} finds them one after the other, as
     * {@link MatchSpans} lists them. Null when the regex needed more than its budget of steps: then RE2/J must
     * run instead.
     */
    int[] matches(String text, int from, int to, int group) {
        Window window = new Window(text, from, to, budget(to - from));
        MatchSpans spans = new MatchSpans();
        try {
            Matcher m = pattern.matcher(window);
            while (m.find()) {
                spans.add(from, m.start(), m.end(), m.start(group), m.end(group));
            }
        } catch (OutOfSteps | StackOverflowError e) {
            return null; // deep recursion in the JDK's engine is one more way to backtrack too far
        }
        return spans.toArray();
    }

    /** Whether the regex occurs in the text; null when it needed more than its budget of steps. */
    Boolean finds(String text) {
        try {
            return pattern.matcher(new Window(text, 0, text.length(), budget(text.length()))).find();
        } catch (OutOfSteps | StackOverflowError e) {
            return null;
        }
    }

    private static long budget(int length) {
        return Math.min(MAX_STEPS, (long) STEPS_PER_CHAR * length + BASE_STEPS);
    }

    /** The window as the JDK's matcher reads it, counting every character read against a budget. */
    private static final class Window implements CharSequence {
        private final String text;
        private final int from;
        private final int length;
        private long steps;

        Window(String text, int from, int to, long steps) {
            this.text = text;
            this.from = from;
            this.length = to - from;
            this.steps = steps;
        }

        @Override
        public char charAt(int index) {
            if (--steps < 0) {
                throw new OutOfSteps();
            }
            return text.charAt(from + index);
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(from + start, from + end);
        }

        @Override
        public String toString() {
            return text.substring(from, from + length);
        }
    }

    /** The budget of steps ran out. */
    private static final class OutOfSteps extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfSteps() {
            super("out of steps", null, false, false);
        }
    }
}
