package io.jenkins.plugins.integrity.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The rules a scan runs and the allowlists that apply to all of them. */
public record RuleSet(List<SecretRule> rules, List<Allowlist> allowlists) {
    private static final String BUILT_IN = "rules.toml";

    public RuleSet {
        rules = List.copyOf(rules);
        allowlists = List.copyOf(allowlists);
    }

    /** True when a global allowlist lets this candidate pass. */
    boolean allows(String secret, String match, String line) {
        for (Allowlist a : allowlists) {
            if (a.allows(secret, match, line)) {
                return true;
            }
        }
        return false;
    }

    boolean allowsPath(String path) {
        for (Allowlist a : allowlists) {
            if (a.allowsPath(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rules shipped with this tool ({@code secrets/rules.toml}), parsed and compiled once: the rule set is
     * immutable and its RE2/J patterns are safe to share between threads.
     */
    public static RuleSet builtIn() {
        return BuiltIn.RULES;
    }

    /** Loaded on first use (the initialisation-on-demand holder idiom). */
    private static final class BuiltIn {
        static final RuleSet RULES = load();
    }

    private static RuleSet load() {
        try (InputStream in = RuleSet.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in secret rules missing from the class path");
            }
            return GitleaksConfigReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "built-in rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
