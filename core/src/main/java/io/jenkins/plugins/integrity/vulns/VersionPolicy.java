package io.jenkins.plugins.integrity.vulns;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.sbom.Component;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions a team will not ship, beside the known vulnerabilities (YAML, docs/cli.md#version-policy):
 * {@code denied} versions and {@code endOfLife} ones (all versions {@code below} one, or a list of
 * {@code versions}), and {@code minimums}: a component more than {@code maxMajorsBehind} major versions behind
 * its declared {@code minimum}. Each rule names a package by its package URL without a version; versions are
 * compared with the package's ecosystem's order.
 */
public record VersionPolicy(List<Rule> rules) {
    private static final Set<String> KEYS = Set.of("denied", "endOfLife", "minimums");
    private static final Pattern MAJOR = Pattern.compile("^(?:[0-9]+:)?v?([0-9]+)");

    public VersionPolicy {
        rules = List.copyOf(rules);
    }

    public static VersionPolicy none() {
        return new VersionPolicy(List.of());
    }

    /** What a rule is about. */
    public enum Kind { DENIED, END_OF_LIFE, MINIMUM }

    /**
     * @param below for DENIED and END_OF_LIFE: every version below it (or null); for MINIMUM: the minimum
     * @param versions the exact versions (DENIED and END_OF_LIFE)
     */
    public record Rule(Kind kind, PackageRef pkg, String purl, String below, List<String> versions, int maxMajorsBehind,
            String reason, Severity severity) {}

    /**
     * The policy in a file (at most 1 MiB).
     *
     * @param name how errors name it
     * @throws io.jenkins.plugins.integrity.check.InvalidInputException naming it and the entry that is wrong
     */
    public static VersionPolicy read(java.nio.file.Path file, String name) {
        try {
            return parse(io.jenkins.plugins.integrity.check.InputFiles.readBytes(file, 1 << 20, "a version policy"));
        } catch (IllegalArgumentException e) {
            throw new io.jenkins.plugins.integrity.check.InvalidInputException(name, e.getMessage());
        }
    }

    /** @throws IllegalArgumentException naming the entry that is wrong */
    public static VersionPolicy parse(byte[] yaml) {
        JsonNode root = io.jenkins.plugins.integrity.check.YamlMapping.read(yaml, "a version policy", KEYS);
        List<Rule> rules = new ArrayList<>();
        rules.addAll(rules(root, "denied", Kind.DENIED));
        rules.addAll(rules(root, "endOfLife", Kind.END_OF_LIFE));
        rules.addAll(rules(root, "minimums", Kind.MINIMUM));
        return new VersionPolicy(rules);
    }

    private static List<Rule> rules(JsonNode root, String key, Kind kind) {
        JsonNode list = root.get(key);
        List<Rule> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("'" + key + "' is not a list");
        }
        int i = 0;
        for (JsonNode e : list) {
            String where = key + "[" + i++ + "]";
            if (!e.isObject()) {
                throw new IllegalArgumentException(where + " is not a mapping");
            }
            String purl = e.path("package").asText("");
            PackageRef pkg = PackageRef.ofPurl(purl + "@0");
            if (purl.isEmpty() || purl.contains("@") || pkg == null) {
                throw new IllegalArgumentException(where + ": 'package' is not a package URL without a version of an"
                        + " ecosystem we compare: '" + purl + "'");
            }
            VersionComparator order = pkg.ecosystem().versions();
            String below = text(e, kind == Kind.MINIMUM ? "minimum" : "below");
            List<String> versions = new ArrayList<>();
            for (JsonNode v : e.path("versions")) {
                versions.add(v.asText());
            }
            if (kind == Kind.MINIMUM ? below == null : below == null && versions.isEmpty()) {
                throw new IllegalArgumentException(where + ": give " + (kind == Kind.MINIMUM ? "'minimum'"
                        : "'below' or 'versions'"));
            }
            for (String v : below == null ? versions : java.util.stream.Stream.concat(versions.stream(),
                    java.util.stream.Stream.of(below)).toList()) {
                if (!order.valid(v)) {
                    throw new IllegalArgumentException(where + ": '" + v + "' is not a " + pkg.ecosystem().osvName()
                            + " version");
                }
            }
            int behind = e.path("maxMajorsBehind").asInt(0);
            if (behind < 0) {
                throw new IllegalArgumentException(where + ": 'maxMajorsBehind' is negative");
            }
            Severity severity = e.hasNonNull("severity") ? Severity.parse(e.get("severity").asText()) : Severity.HIGH;
            out.add(new Rule(kind, pkg, purl, below, versions, behind, text(e, "reason"), severity));
        }
        return out;
    }

    private static String text(JsonNode e, String field) {
        JsonNode n = e.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The findings of this policy for the components (rules {@code version-denied}, {@code version-end-of-life},
     * {@code version-behind-minimum}). */
    public List<Finding> evaluate(List<Component> components) {
        List<Finding> out = new ArrayList<>();
        for (Component c : components) {
            PackageRef ref = PackageRef.ofPurl(c.purl());
            if (ref == null) {
                continue;
            }
            for (Rule r : rules) {
                if (r.pkg().ecosystem() != ref.ecosystem() || !r.pkg().name().equals(ref.name())) {
                    continue;
                }
                VersionComparator order = ref.ecosystem().versions();
                if (!order.valid(ref.version())) {
                    continue;
                }
                String why = r.reason() == null ? "" : " (" + r.reason() + ")";
                switch (r.kind()) {
                    case DENIED, END_OF_LIFE -> {
                        boolean hit = r.versions().contains(ref.version())
                                || r.below() != null && order.compare(ref.version(), r.below()) < 0;
                        if (hit) {
                            String rule = r.kind() == Kind.DENIED ? "version-denied" : "version-end-of-life";
                            String what = r.kind() == Kind.DENIED ? "a denied version" : "an end-of-life version";
                            out.add(finding(rule, r.severity(), c, ref, ref.name() + " " + ref.version() + " is " + what
                                    + (r.below() != null && !r.versions().contains(ref.version()) ? " (below "
                                    + r.below() + ")" : "") + why));
                        }
                    }
                    case MINIMUM -> {
                        BigInteger have = major(ref.version());
                        BigInteger want = major(r.below());
                        if (have != null && want != null && want.subtract(have).compareTo(BigInteger.valueOf(
                                r.maxMajorsBehind())) > 0) {
                            out.add(finding("version-behind-minimum", r.severity(), c, ref, ref.name() + " "
                                    + ref.version() + " is " + want.subtract(have) + " major version(s) behind the"
                                    + " minimum " + r.below() + " (allowed: " + r.maxMajorsBehind() + ")" + why));
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
        return out;
    }

    /** The major version: the first number (after a Debian epoch or a Go {@code v}), or null. */
    static BigInteger major(String version) {
        Matcher m = MAJOR.matcher(version.trim());
        return m.find() ? new BigInteger(m.group(1)) : null;
    }

    private static Finding finding(String rule, Severity severity, Component c, PackageRef ref, String message) {
        return new Finding(rule, severity, message, Location.ofFile(c.purl()), Digests.sha256Hex(
                VulnerabilityScanner.CHECK, rule, c.purl()));
    }
}
