package io.jenkins.plugins.integrity.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads rules in the gitleaks TOML format ({@code [[rules]]} with id, description, regex, secretGroup,
 * entropy, keywords, path, allowlists; a global {@code [allowlist]} or {@code [[allowlists]]}), plus the
 * {@code severity} and {@code tags} fields of our own rules. Every error names the input and the rule.
 */
public final class GitleaksConfigReader {
    private static final TomlMapper TOML = new TomlMapper();

    private GitleaksConfigReader() {}

    public static RuleSet read(String toml, String input) {
        JsonNode root;
        try {
            root = TOML.readTree(toml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidInputException(input, "not valid TOML" + where);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(input, "not a gitleaks configuration (no TOML table)");
        }
        JsonNode rulesNode = root.path("rules");
        if (!rulesNode.isMissingNode() && !rulesNode.isArray()) {
            throw new InvalidInputException(input, "'rules' must be an array of tables ([[rules]])");
        }
        List<SecretRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode node : rulesNode) {
            SecretRule rule = readRule(node, input);
            if (!ids.add(rule.id())) {
                throw new InvalidInputException(input, "rule '" + rule.id() + "' is defined twice");
            }
            rules.add(rule);
        }
        return new RuleSet(rules, readAllowlists(root, input, "the global allowlist"));
    }

    private static SecretRule readRule(JsonNode node, String input) {
        if (!node.isObject()) {
            throw new InvalidInputException(input, "each [[rules]] entry must be a table");
        }
        String id = text(node, "id", input, "a rule");
        if (id == null || id.isBlank()) {
            throw new InvalidInputException(input, "a rule has no id");
        }
        String where = "rule '" + id + "'";
        String regex = text(node, "regex", input, where);
        if (regex == null || regex.isEmpty()) {
            throw new InvalidInputException(input, where + " has no regex (path-only rules are not supported)");
        }
        Pattern pattern = compile(regex, input, where + " regex");
        int group = node.has("secretGroup") ? integer(node, "secretGroup", input, where)
                : pattern.groupCount() >= 1 ? 1 : 0;
        if (group < 0 || group > pattern.groupCount()) {
            throw new InvalidInputException(input, where + " has secretGroup " + group + " but its regex has "
                    + pattern.groupCount() + " groups");
        }
        double entropy = node.has("entropy") ? number(node, "entropy", input, where) : 0;
        Severity severity;
        try {
            severity = node.has("severity") ? Severity.parse(text(node, "severity", input, where)) : Severity.HIGH;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(input, where + ": " + e.getMessage());
        }
        String path = text(node, "path", input, where);
        return new SecretRule(id, text(node, "description", input, where), severity, pattern, group, entropy,
                strings(node, "keywords", input, where),
                path == null ? null : RulePattern.of(compile(path, input, where + " path")),
                readAllowlists(node, input, where), new HashSet<>(strings(node, "tags", input, where)),
                bool(node, "multiline", input, where), strings(node, "requires", input, where));
    }

    /** Reads {@code allowlist} (a table, older gitleaks) and {@code allowlists} (an array, gitleaks 8.21+). */
    private static List<Allowlist> readAllowlists(JsonNode owner, String input, String where) {
        List<Allowlist> out = new ArrayList<>();
        JsonNode single = owner.get("allowlist");
        if (single != null) {
            out.add(readAllowlist(single, input, where));
        }
        JsonNode many = owner.get("allowlists");
        if (many != null) {
            if (!many.isArray()) {
                throw new InvalidInputException(input, where + ": 'allowlists' must be an array of tables");
            }
            for (JsonNode a : many) {
                out.add(readAllowlist(a, input, where));
            }
        }
        return out;
    }

    private static Allowlist readAllowlist(JsonNode node, String input, String where) {
        if (!node.isObject()) {
            throw new InvalidInputException(input, where + ": an allowlist must be a table");
        }
        String targetText = text(node, "regexTarget", input, where);
        Allowlist.Target target;
        try {
            target = targetText == null || targetText.isEmpty() ? Allowlist.Target.SECRET
                    : Allowlist.Target.valueOf(targetText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(input, where + ": regexTarget must be secret, match or line");
        }
        List<RulePattern> regexes = new ArrayList<>();
        for (String r : strings(node, "regexes", input, where)) {
            regexes.add(RulePattern.of(compile(r, input, where + " allowlist regex")));
        }
        List<RulePattern> paths = new ArrayList<>();
        for (String p : strings(node, "paths", input, where)) {
            paths.add(RulePattern.of(compile(p, input, where + " allowlist path")));
        }
        String description = text(node, "description", input, where);
        return new Allowlist(description == null ? "" : description, target, regexes,
                strings(node, "stopwords", input, where), paths);
    }

    private static Pattern compile(String regex, String input, String where) {
        String violation = RepeatLimit.violation(regex);
        if (violation != null) {
            throw new InvalidInputException(input, where + " is refused (as by gitleaks and RE2): " + violation);
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException(input, where + " is not a valid RE2 regex: " + e.getDescription());
        }
    }

    private static String text(JsonNode node, String field, String input, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException(input, where + ": '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode node, String field, String input, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidInputException(input, where + ": '" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    private static int integer(JsonNode node, String field, String input, String where) {
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidInputException(input, where + ": '" + field + "' must be an integer");
        }
        return v.intValue();
    }

    private static double number(JsonNode node, String field, String input, String where) {
        JsonNode v = node.get(field);
        if (!v.isNumber() || v.doubleValue() < 0 || v.doubleValue() > 8) {
            throw new InvalidInputException(input, where + ": '" + field + "' must be a number from 0 to 8");
        }
        return v.doubleValue();
    }

    private static List<String> strings(JsonNode node, String field, String input, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidInputException(input, where + ": '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new InvalidInputException(input, where + ": '" + field + "' must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
