package io.jenkins.plugins.integrity.commits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a trust policy file (YAML; the fields are documented in docs/trust-policy.md and described by
 * docs/trust-policy.schema.json). Key files it names are read relative to the policy file. Unknown fields
 * are refused, so that a misspelt setting does not silently weaken the policy.
 */
public final class TrustPolicyReader {
    static final long MAX_POLICY = 1L << 20;
    static final long MAX_KEYS = 16L << 20;
    private static final Set<String> FIELDS = Set.of("version", "openpgpKeys", "allowedSigners", "sshRevokedKeys",
            "identity", "requireIdentityMatch", "expiredKeys", "groups", "pathRules", "unsignedMergeCommitters", "x509Roots",
            "sigstoreIssuers");

    private TrustPolicyReader() {}

    public static TrustPolicy read(Path file) {
        String name = file.toString();
        JsonNode root = parse(InputFiles.readText(file, MAX_POLICY, "a trust policy"), name);
        Path dir = file.toAbsolutePath().getParent();
        OpenPgpKeys keys = OpenPgpKeys.none();
        for (String f : strings(root, "openpgpKeys", name)) {
            Path p = dir.resolve(f);
            keys = keys.and(OpenPgpKeys.read(InputFiles.readBytes(p, MAX_KEYS, "an OpenPGP keyring"), p.toString()));
        }
        AllowedSigners signers = AllowedSigners.none();
        for (String f : strings(root, "allowedSigners", name)) {
            Path p = dir.resolve(f);
            signers = signers.and(AllowedSigners.read(InputFiles.readBytes(p, MAX_KEYS, "an allowed_signers file"),
                    p.toString()));
        }
        SshKeyList revoked = SshKeyList.none();
        for (String f : strings(root, "sshRevokedKeys", name)) {
            Path p = dir.resolve(f);
            revoked = revoked.and(SshKeyList.read(InputFiles.readBytes(p, MAX_KEYS, "an SSH key list"), p.toString()));
        }
        X509Roots roots = X509Roots.none();
        for (String f : strings(root, "x509Roots", name)) {
            Path p = dir.resolve(f);
            roots = roots.and(X509Roots.read(InputFiles.readBytes(p, MAX_KEYS, "a certificate file"), p.toString()));
        }
        return fromTree(root, name, keys, signers, revoked, roots);
    }

    /** A policy whose keys the caller supplies (the plugin: from Jenkins credentials); file fields are refused. */
    public static TrustPolicy read(String yaml, String name, OpenPgpKeys keys, AllowedSigners signers,
            SshKeyList revoked, X509Roots roots) {
        JsonNode root = parse(yaml, name);
        for (String field : List.of("openpgpKeys", "allowedSigners", "sshRevokedKeys", "x509Roots")) {
            if (root.has(field)) {
                throw new InvalidInputException(name, "'" + field + "' names files; here keys come from credentials");
            }
        }
        return fromTree(root, name, keys, signers, revoked, roots);
    }

    private static JsonNode parse(String yaml, String name) {
        LoaderOptions limits = new LoaderOptions();
        limits.setCodePointLimit((int) MAX_POLICY);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(limits)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        ObjectMapper mapper = new YAMLMapper(factory);
        JsonNode root;
        try {
            refuseAliases(factory, yaml, name);
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidInputException(name, "not a valid YAML trust policy" + where);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(name, "not a valid YAML trust policy");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(name, "a trust policy is a YAML mapping");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new InvalidInputException(name, "unknown field '" + f + "' (known: " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)) + ")");
            }
        }
        if (root.has("version") && root.get("version").asInt(-1) != 1) {
            throw new InvalidInputException(name, "version must be 1");
        }
        return root;
    }

    /**
     * Jackson reads an alias ({@code *name}) as the string "name": an unquoted {@code - *@example.com} would
     * silently become "@example.com". A policy must say what it means, so aliases are refused.
     */
    private static void refuseAliases(YAMLFactory factory, String yaml, String name) throws java.io.IOException {
        try (YAMLParser p = (YAMLParser) factory.createParser(yaml)) {
            while (p.nextToken() != null) {
                if (p.isCurrentAlias()) {
                    throw new InvalidInputException(name, "line " + p.currentLocation().getLineNr()
                            + ": YAML aliases (*name) are not allowed; quote patterns that start with *");
                }
            }
        }
    }

    private static TrustPolicy fromTree(JsonNode root, String name, OpenPgpKeys keys, AllowedSigners signers,
            SshKeyList revoked, X509Roots roots) {
        TrustPolicy.Identity identity = switch (text(root, "identity", "committer", name).toLowerCase(Locale.ROOT)) {
            case "committer" -> TrustPolicy.Identity.COMMITTER;
            case "author" -> TrustPolicy.Identity.AUTHOR;
            default -> throw new InvalidInputException(name, "identity must be committer or author");
        };
        boolean lenient = switch (text(root, "expiredKeys", "reject", name)) {
            case "reject" -> false;
            case "acceptSignaturesMadeBeforeExpiry" -> true;
            default -> throw new InvalidInputException(name,
                    "expiredKeys must be reject or acceptSignaturesMadeBeforeExpiry");
        };
        Map<String, List<String>> groups = new LinkedHashMap<>();
        JsonNode g = root.path("groups");
        if (!g.isMissingNode()) {
            if (!g.isObject()) {
                throw new InvalidInputException(name, "groups must map a group name to a list of e-mail patterns");
            }
            for (Iterator<String> it = g.fieldNames(); it.hasNext();) {
                String group = it.next();
                groups.put(group, strings(g, group, name));
            }
        }
        List<TrustPolicy.PathRule> rules = new ArrayList<>();
        JsonNode r = root.path("pathRules");
        if (!r.isMissingNode()) {
            if (!r.isArray()) {
                throw new InvalidInputException(name, "pathRules must be a list of {paths, group}");
            }
            for (JsonNode rule : r) {
                if (!rule.isObject() || !rule.path("group").isTextual()) {
                    throw new InvalidInputException(name, "each path rule needs 'paths' and a 'group'");
                }
                List<String> paths = strings(rule, "paths", name);
                if (paths.isEmpty()) {
                    throw new InvalidInputException(name, "a path rule needs at least one path");
                }
                rules.add(new TrustPolicy.PathRule(paths, rule.get("group").asText()));
            }
        }
        boolean require = bool(root, "requireIdentityMatch", name);
        try {
            return new TrustPolicy(keys, signers, revoked, identity, require, lenient, groups, rules,
                    strings(root, "unsignedMergeCommitters", name), roots, strings(root, "sigstoreIssuers", name));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, e.getMessage());
        }
    }

    private static String text(JsonNode root, String field, String fallback, String name) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException(name, field + " must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode root, String field, String name) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidInputException(name, field + " must be true or false");
        }
        return v.booleanValue();
    }

    /** A list of strings, or one string. */
    private static List<String> strings(JsonNode node, String field, String name) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw new InvalidInputException(name, field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new InvalidInputException(name, field + " must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
