package io.jenkins.plugins.integrity.secrets;

import java.util.List;
import java.util.Locale;

/**
 * What a rule (or the whole rule set) lets pass, as gitleaks defines it: regexes tested against the secret,
 * the whole match or the line ({@code regexTarget}), stopwords found anywhere in the secret
 * (case-insensitive), and path regexes for files that are never reported.
 */
public record Allowlist(String description, Target target, List<RulePattern> regexes, List<String> stopwords,
        List<RulePattern> paths) {

    /** What the allowlist's regexes are tested against. */
    public enum Target { SECRET, MATCH, LINE }

    public Allowlist {
        regexes = List.copyOf(regexes);
        stopwords = stopwords.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        paths = List.copyOf(paths);
    }

    /** True when the candidate is allowed, so not reported. */
    public boolean allows(String secret, String match, String line) {
        String target = switch (this.target) {
            case SECRET -> secret;
            case MATCH -> match;
            case LINE -> line;
        };
        for (RulePattern p : regexes) {
            if (p.find(target)) {
                return true;
            }
        }
        if (!stopwords.isEmpty()) {
            String lower = secret.toLowerCase(Locale.ROOT);
            for (String word : stopwords) {
                if (lower.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean allowsPath(String path) {
        for (RulePattern p : paths) {
            if (p.find(path)) {
                return true;
            }
        }
        return false;
    }
}
