package io.jenkins.plugins.integrity.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the rules a scan runs from a user's gitleaks configuration. As in gitleaks, a configuration replaces
 * the built-in rules unless it says {@code [extend] useDefault = true}: then its rules are added to the
 * built-in ones (a rule with a built-in rule's id replaces it), its allowlists are added, and
 * {@code disabledRules} removes built-in rules by id.
 */
public final class RuleSets {
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private RuleSets() {}

    public static RuleSet load(Path config) {
        return fromToml(InputFiles.readText(config, MAX_BYTES, "a rule configuration"), config.toString());
    }

    static RuleSet fromToml(String toml, String name) {
        RuleSet custom = GitleaksConfigReader.read(toml, name);
        Extend extend = extend(toml, name);
        if (!extend.useDefault()) {
            if (custom.rules().isEmpty()) {
                throw new InvalidInputException(name, "defines no rules (add [extend] useDefault = true to keep"
                        + " the built-in rules)");
            }
            return custom;
        }
        Map<String, SecretRule> rules = new LinkedHashMap<>();
        for (SecretRule r : RuleSet.builtIn().rules()) {
            if (!extend.disabled().contains(r.id())) {
                rules.put(r.id(), r);
            }
        }
        for (SecretRule r : custom.rules()) {
            rules.put(r.id(), r);
        }
        List<Allowlist> allowlists = new ArrayList<>(RuleSet.builtIn().allowlists());
        allowlists.addAll(custom.allowlists());
        return new RuleSet(new ArrayList<>(rules.values()), allowlists);
    }

    private record Extend(boolean useDefault, Set<String> disabled) {}

    private static Extend extend(String toml, String name) {
        JsonNode extend;
        try {
            extend = new TomlMapper().readTree(toml).path("extend");
        } catch (IOException e) {
            throw new InvalidInputException(name, "not valid TOML");
        }
        if (extend.isMissingNode()) {
            return new Extend(false, Set.of());
        }
        if (extend.has("path") || extend.has("url")) {
            throw new InvalidInputException(name, "[extend] path and url are not supported; use useDefault");
        }
        JsonNode use = extend.path("useDefault");
        if (!use.isMissingNode() && !use.isBoolean()) {
            throw new InvalidInputException(name, "[extend] useDefault must be true or false");
        }
        Set<String> disabled = new HashSet<>();
        for (JsonNode id : extend.path("disabledRules")) {
            disabled.add(id.asText());
        }
        return new Extend(use.asBoolean(false), disabled);
    }
}
