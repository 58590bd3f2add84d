package io.jenkins.plugins.integrity.secrets;

import com.google.re2j.Pattern;
import io.jenkins.plugins.integrity.check.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One kind of secret: the regex that finds it, the capture group that is the secret itself, the entropy a
 * real one has at least, the keywords one of which must occur for the regex to be worth running, and what
 * the rule lets pass. A rule tagged {@code generic} yields to any specific rule matching the same text; a
 * {@code multiline} rule's secrets span lines (private keys), so its regex is not confined to one line;
 * {@code requires} lists text that every match contains, checked before the (slower) regex runs.
 */
public record SecretRule(String id, String description, Severity severity, Pattern regex, int secretGroup,
        double entropy, List<String> keywords, RulePattern path, List<Allowlist> allowlists, Set<String> tags,
        boolean multiline, List<String> requires) {

    public SecretRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        description = description == null || description.isBlank() ? id : description;
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).distinct().toList();
        allowlists = List.copyOf(allowlists);
        tags = Set.copyOf(tags);
        requires = requires.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    }

    public boolean generic() {
        return tags.contains("generic");
    }
}
