package io.jenkins.plugins.integrity.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds Jenkins credentials that Groovy interpolates into a string: a variable bound by {@code withCredentials}
 * ({@code passwordVariable: 'PASS'}, {@code variable: 'TOKEN'}, ...) or by {@code X = credentials('id')} in an
 * {@code environment} block, used as {@code ${PASS}} or {@code $PASS} inside a double-quoted Groovy string. Groovy
 * then puts the secret itself into the command line of {@code sh "curl -u ${PASS}"}, where other processes and
 * the durable-task script see it; single quotes leave the expansion to the shell, which is safe. No value is
 * involved: the finding names the variable.
 */
final class CredentialInterpolationCheck {
    static final String RULE = "jenkins-credential-interpolation";
    private static final Pattern BINDING = Pattern.compile(
            "\\b(variable|passwordVariable|keyFileVariable|passphraseVariable|tokenVariable|secretVariable)"
                    + "\\s*:\\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]");
    private static final Pattern ENVIRONMENT = Pattern.compile(
            "\\b([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*credentials\\s*\\(");

    private CredentialInterpolationCheck() {}

    /** Jenkinsfiles and Groovy scripts (shared libraries, init.groovy.d). */
    static boolean appliesTo(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        return name.equals("jenkinsfile") || name.startsWith("jenkinsfile.") || name.endsWith(".jenkinsfile")
                || name.endsWith(".groovy") || name.endsWith(".gvy");
    }

    static List<Finding> findings(String path, String text, LineIndex lines) {
        Set<String> secrets = boundVariables(text);
        if (secrets.isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                i = skipTo(text, i, "\n");
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                i = skipTo(text, i + 2, "*/");
            } else if (c == '\'') {
                boolean triple = text.startsWith("'''", i);
                i = endOfString(text, i + (triple ? 3 : 1), triple ? "'''" : "'", null, path, lines, secrets, out);
            } else if (c == '"') {
                boolean triple = text.startsWith("\"\"\"", i);
                i = endOfString(text, i + (triple ? 3 : 1), triple ? "\"\"\"" : "\"", text, path, lines, secrets, out);
            } else {
                i++;
            }
        }
        return out;
    }

    /** The variables that hold a secret (user names are not secrets, so usernameVariable and _USR are left out). */
    private static Set<String> boundVariables(String text) {
        Set<String> names = new HashSet<>();
        // the regexes run only on the lines that hold their literal, not over the whole file
        for (String line : linesWith(text, "ariable")) {
            Matcher m = BINDING.matcher(line);
            while (m.find()) {
                names.add(m.group(2));
            }
        }
        for (String line : linesWith(text, "credentials")) {
            Matcher e = ENVIRONMENT.matcher(line);
            while (e.find()) {
                names.add(e.group(1));
                names.add(e.group(1) + "_PSW");
            }
        }
        return names;
    }

    private static List<String> linesWith(String text, String literal) {
        List<String> lines = new ArrayList<>();
        int at = text.indexOf(literal);
        while (at >= 0) {
            int from = text.lastIndexOf('\n', at) + 1;
            int to = text.indexOf('\n', at);
            to = to < 0 ? text.length() : to;
            lines.add(text.substring(from, to));
            at = text.indexOf(literal, to);
        }
        return lines;
    }

    /**
     * Moves past a string literal that starts at {@code from}; in an interpolating (double-quoted) string, reports
     * each {@code $NAME}, {@code ${NAME}} or {@code ${env.NAME}} naming a secret. Returns the offset after it.
     */
    private static int endOfString(String text, int from, String close, String interpolating, String path,
            LineIndex lines, Set<String> secrets, List<Finding> out) {
        int n = text.length();
        int i = from;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (text.startsWith(close, i)) {
                return i + close.length();
            }
            if (close.length() == 1 && c == '\n') {
                return i + 1; // an unterminated single-line string: stop at the line end
            }
            if (interpolating != null && c == '$') {
                String name = interpolated(text, i + 1);
                if (name != null && secrets.contains(name)) {
                    int line = lines.line(i);
                    out.add(new Finding(RULE, Severity.HIGH, "Credential variable '" + name
                            + "' is interpolated by Groovy into a double-quoted string, which puts the secret on"
                            + " the command line; use single quotes so that the shell expands it",
                            new Location(path, line, lines.column(i)),
                            Fingerprints.of(RULE, path, name + "\u0000" + LineIndex.lineAt(text, i).strip())));
                }
            }
            i++;
        }
        return n;
    }

    private static String interpolated(String text, int at) {
        int n = text.length();
        boolean braces = at < n && text.charAt(at) == '{';
        int start = braces ? at + 1 : at;
        while (braces && start < n && text.charAt(start) == ' ') {
            start++;
        }
        if (braces && text.startsWith("env.", start)) {
            start += 4;
        }
        int end = start;
        while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end > start ? text.substring(start, end) : null;
    }

    private static int skipTo(String text, int from, String end) {
        int i = text.indexOf(end, from);
        return i < 0 ? text.length() : i + end.length();
    }
}
