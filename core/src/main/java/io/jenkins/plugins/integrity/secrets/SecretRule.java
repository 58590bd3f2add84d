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
 * the rule lets pass. A rule tagged {@code generic} yields to any specific rule matching the same text.
 */
public record SecretRule(String id, String description, Severity severity, Pattern regex, int secretGroup,
        double entropy, List<String> keywords, Pattern path, List<Allowlist> allowlists, Set<String> tags) {

    public SecretRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        description = description == null || description.isBlank() ? id : description;
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).distinct().toList();
        allowlists = List.copyOf(allowlists);
        tags = Set.copyOf(tags);
    }

    public boolean generic() {
        return tags.contains("generic");
    }

    /** True when one of the keywords occurs in the lower-cased text, or the rule has none. */
    boolean keywordIn(String lowerText) {
        if (keywords.isEmpty()) {
            return true;
        }
        for (String k : keywords) {
            if (lowerText.contains(k)) {
                return true;
            }
        }
        return false;
    }
}
