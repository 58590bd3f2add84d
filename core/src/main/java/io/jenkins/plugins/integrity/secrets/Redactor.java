package io.jenkins.plugins.integrity.secrets;

import java.util.List;

/**
 * Masks every secret the rules recognise in a text before it is written anywhere: the safety net under
 * error messages, logs and consoles, whatever put the text together.
 */
public final class Redactor {
    public static final String MASK = "****";
    private final SecretMatcher matcher;

    public Redactor(RuleSet rules) {
        this.matcher = new SecretMatcher(rules);
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<SecretMatch> matches = matcher.find("", text);
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (SecretMatch m : matches) {
            if (m.start() >= at) {
                out.append(text, at, m.start()).append(MASK);
                at = m.end();
            }
        }
        return out.append(text, at, text.length()).toString();
    }
}
