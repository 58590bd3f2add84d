package io.jenkins.plugins.integrity.secrets;

import com.google.re2j.Matcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the secrets in one text. A rule's regex runs only when one of its keywords occurs in the text
 * (the cheap prefilter that makes scanning fast); a candidate must then reach the rule's entropy and pass
 * its allowlists and the global one. Generic rules give way to specific rules matching the same span.
 */
final class SecretMatcher {
    private final RuleSet ruleSet;

    SecretMatcher(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
    }

    List<SecretMatch> find(String path, String text) {
        if (ruleSet.allowlist().allowsPath(path)) {
            return List.of();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<SecretMatch> found = new ArrayList<>();
        for (SecretRule rule : ruleSet.rules()) {
            if (appliesTo(rule, path) && rule.keywordIn(lower)) {
                collect(rule, text, found);
            }
        }
        return resolveOverlaps(found);
    }

    private static boolean appliesTo(SecretRule rule, String path) {
        if (rule.path() != null && !rule.path().matcher(path).find()) {
            return false;
        }
        return rule.allowlists().stream().noneMatch(a -> a.allowsPath(path));
    }

    private void collect(SecretRule rule, String text, List<SecretMatch> found) {
        Matcher m = rule.regex().matcher(text);
        int g = rule.secretGroup();
        while (m.find()) {
            int start = m.start(g);
            int end = m.end(g);
            if (start < 0 || end <= start) {
                continue;
            }
            String secret = text.substring(start, end);
            if (rule.entropy() > 0 && Entropy.shannon(secret) < rule.entropy()) {
                continue;
            }
            String match = m.group();
            String line = lineAround(text, start);
            if (ruleSet.allowlist().allows(secret, match, line)
                    || rule.allowlists().stream().anyMatch(a -> a.allows(secret, match, line))) {
                continue;
            }
            found.add(new SecretMatch(rule, start, end, secret));
        }
    }

    private static String lineAround(String text, int offset) {
        int from = text.lastIndexOf('\n', offset - 1) + 1;
        int to = text.indexOf('\n', offset);
        return text.substring(from, to < 0 ? text.length() : to);
    }

    private static List<SecretMatch> resolveOverlaps(List<SecretMatch> found) {
        List<SecretMatch> specific = found.stream().filter(m -> !m.rule().generic()).toList();
        List<SecretMatch> kept = new ArrayList<>(specific);
        for (SecretMatch m : found) {
            if (m.rule().generic() && specific.stream().noneMatch(m::overlaps)
                    && kept.stream().noneMatch(k -> k.rule().generic() && k.overlaps(m))) {
                kept.add(m);
            }
        }
        kept.sort(Comparator.comparingInt(SecretMatch::start).thenComparing(m -> m.rule().id()));
        return kept;
    }
}
