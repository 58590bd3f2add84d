package io.jenkins.plugins.integrity.secrets;

import java.util.List;
import java.util.Locale;

/**
 * The literal text every match of a regex starts with, when it can be read off the regex's start: after an
 * optional {@code (?i)}, {@code \b} and one capturing group, the plain characters before the first
 * metacharacter. A regex with an alternative at that level has no such prefix (another branch may start
 * elsewhere). A rule whose keywords all begin its matches this way can run its regex from the keyword on,
 * instead of from the start of the line.
 */
final class LiteralPrefix {
    private LiteralPrefix() {}

    /** The lower-case literal prefix of a regex, or "" when there is none. */
    static String of(String regex) {
        int i = 0;
        if (regex.startsWith("(?i)")) {
            i = 4;
        }
        if (regex.startsWith("\\b", i)) {
            i += 2;
        }
        boolean group = false;
        if (regex.startsWith("(", i) && !regex.startsWith("(?", i)) {
            i++;
            group = true;
        }
        if (hasAlternative(regex, group ? i : 0, group)) {
            return "";
        }
        StringBuilder literal = new StringBuilder();
        while (i < regex.length()) {
            char c = regex.charAt(i);
            char after;
            if (c == '\\' && i + 1 < regex.length() && isEscapedLiteral(regex.charAt(i + 1))) {
                after = i + 2 < regex.length() ? regex.charAt(i + 2) : 0;
                c = regex.charAt(i + 1);
                i += 2;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '/' || c == '#'
                    || c == '!' || c == '@' || c == '%' || c == '=' || c == ',' || c == ';' || c == '~' || c == '<'
                    || c == '>' || c == '"' || c == '\'' || c == ' ') {
                after = i + 1 < regex.length() ? regex.charAt(i + 1) : 0;
                i++;
            } else {
                break;
            }
            if (after == '?' || after == '*' || after == '{') {
                break; // this character is optional or repeated: the prefix ends before it
            }
            literal.append(c);
            if (after == '+') {
                break;
            }
        }
        return literal.toString().toLowerCase(Locale.ROOT);
    }

    /** Whether every keyword of a rule starts the rule's matches (so that matches start at a keyword). */
    static boolean startsEveryMatch(String regex, List<String> keywords) {
        String prefix = of(regex);
        return !prefix.isEmpty() && !keywords.isEmpty() && keywords.stream().allMatch(prefix::startsWith);
    }

    private static boolean isEscapedLiteral(char c) {
        return ".$^{}[]()|*+?\\/-_#@!%=:<>\"' ".indexOf(c) >= 0;
    }

    /** A '|' outside character classes at the top level, or directly in the first group when it is open. */
    private static boolean hasAlternative(String regex, int from, boolean inGroup) {
        int depth = inGroup ? 1 : 0;
        boolean inClass = false;
        for (int i = from; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (inGroup && depth == 0) {
                    return false; // the first group closed: what follows it is matched after the prefix
                }
            } else if (c == '|' && depth == (inGroup ? 1 : 0)) {
                return true;
            }
        }
        return false;
    }
}
