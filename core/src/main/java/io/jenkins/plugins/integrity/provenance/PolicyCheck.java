package io.jenkins.plugins.integrity.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Subject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Judges a release against a {@link ReleasePolicy}: one finding per rule, {@code policy-RULE} INFO when it holds
 * and HIGH when not, each with the reason. The provenance must already have verified (signed by a trusted key and
 * about this artifact); the SBOM is a verified attestation's predicate or null; evidence (the build's check
 * results) is found by the name a provenance byproduct gives it and counts only when its SHA-256 is the one the
 * signed provenance recorded.
 */
public final class PolicyCheck {
    public static final String CHECK = "policy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyCheck() {}

    /**
     * @param subject the artifact, as findings name it
     * @param provenance the verified provenance's statement, or null when there is none
     * @param provenanceMissing why there is none (null when there is)
     * @param sbom the verified SBOM (CycloneDX JSON), or null
     * @param evidence the content of a byproduct by its name, or null when it is not at hand
     */
    public static CheckResult evaluate(ReleasePolicy policy, String subject, JsonNode provenance, String provenanceMissing,
            JsonNode sbom, Function<String, byte[]> evidence, Gate gate) {
        List<Finding> f = new ArrayList<>();
        JsonNode predicate = provenance == null ? null : provenance.path("predicate");
        if (policy.requireProvenance()) {
            f.add(rule(subject, "provenance", predicate != null, predicate != null ? "signed SLSA provenance v1 covers "
                    + subject : "no provenance that verifies: " + provenanceMissing));
        }
        if (predicate != null) {
            String builder = predicate.path("runDetails").path("builder").path("id").asText("");
            if (!policy.builders().isEmpty()) {
                f.add(rule(subject, "builder", policy.builders().contains(builder), "built by '" + builder + "'"
                        + (policy.builders().contains(builder) ? ", an allowed builder" : ", not one of "
                                + policy.builders())));
            }
            JsonNode source = predicate.path("buildDefinition").path("externalParameters").path("source");
            String uri = source.path("uri").asText("");
            if (!policy.sourceRepositories().isEmpty()) {
                boolean ok = policy.sourceRepositories().stream().anyMatch(r -> uri.equals(r) || uri.startsWith(r + "@"));
                f.add(rule(subject, "source-repository", ok, "built from '" + (uri.isEmpty() ? "(no source recorded)"
                        : uri) + "'" + (ok ? ", an allowed repository" : ", not one of " + policy.sourceRepositories())));
            }
            String ref = source.path("ref").asText("");
            if (!policy.sourceRefs().isEmpty()) {
                boolean ok = policy.sourceRefs().stream().anyMatch(g -> glob(g, ref) || glob(g, stripOrigin(ref)));
                f.add(rule(subject, "source-ref", ok, "built from the ref '" + (ref.isEmpty() ? "(none recorded)" : ref)
                        + "'" + (ok ? ", an allowed ref" : ", not one of " + policy.sourceRefs())));
            }
            if (policy.requireVerifiedCommits()) {
                JsonNode commits = result(predicate, "commits", evidence);
                boolean ok = commits != null && commits.path("status").asText().equals("PASS");
                f.add(rule(subject, "commits-verified", ok, commits == null ? "the provenance links no commit"
                        + " verification result that is at hand and matches its digest" : "the build's commit"
                        + " verification: " + commits.path("status").asText() + " - " + commits.path("summary").asText()));
            }
            if (policy.maxSecretSeverity() != null) {
                JsonNode secrets = result(predicate, "secrets", evidence);
                Severity worst = null;
                if (secrets != null) {
                    for (JsonNode x : secrets.path("findings")) {
                        Severity s = Severity.parse(x.path("severity").asText("INFO"));
                        worst = worst == null || s.atLeast(worst) ? s : worst;
                    }
                }
                boolean ok = secrets != null && (worst == null || worst.compareTo(policy.maxSecretSeverity()) <= 0);
                f.add(rule(subject, "secrets", ok, secrets == null ? "the provenance links no secret scan result that"
                        + " is at hand and matches its digest" : "the build's secret scan found " + (worst == null
                        ? "nothing" : "findings up to " + worst) + " (allowed: up to " + policy.maxSecretSeverity() + ")"));
            }
        }
        if (policy.requireSbom()) {
            f.add(rule(subject, "sbom", sbom != null, sbom != null ? "a signed CycloneDX SBOM attestation is present"
                    : "no signed CycloneDX SBOM attestation about " + subject));
        }
        if (!policy.denyPackages().isEmpty()) {
            List<String> denied = new ArrayList<>();
            if (sbom != null) {
                for (JsonNode c : sbom.path("components")) {
                    String name = c.path("name").asText("");
                    String purl = c.path("purl").asText("");
                    for (String d : policy.denyPackages()) {
                        if (d.equals(name) || (!purl.isEmpty() && purl.startsWith(d))) {
                            denied.add(purl.isEmpty() ? name : purl);
                        }
                    }
                }
            }
            boolean ok = sbom != null && denied.isEmpty();
            f.add(rule(subject, "denied-packages", ok, sbom == null ? "no SBOM to look for denied packages in"
                    : denied.isEmpty() ? "no denied package in the SBOM" : "denied packages in the SBOM: " + denied));
        }
        List<Finding> failing = f.stream().filter(x -> x.severity() != Severity.INFO).toList();
        long passed = f.size() - failing.size();
        return new CheckResult(CHECK, failing.isEmpty() ? io.jenkins.plugins.integrity.check.Status.PASS
                : gate.judge(failing), subject + ": " + passed + " of " + f.size() + " policy rules hold", f,
                Map.of("rules", f.size(), "failed", failing.size()), List.of(Subject.named(subject)));
    }

    /**
     * One result of the signature check and the policy checks: every finding, the worst status, both summaries, as
     * the release manager reads them together.
     */
    public static CheckResult combine(CheckResult signatures, List<CheckResult> policies) {
        List<Finding> all = new ArrayList<>(signatures.findings());
        List<Subject> subjects = new ArrayList<>(signatures.subjects());
        io.jenkins.plugins.integrity.check.Status status = signatures.status();
        StringBuilder summary = new StringBuilder(signatures.summary());
        int rules = 0;
        int failed = 0;
        for (CheckResult p : policies) {
            all.addAll(p.findings());
            status = status.worst(p.status());
            summary.append("; ").append(p.summary());
            rules += p.metrics().getOrDefault("rules", 0).intValue();
            failed += p.metrics().getOrDefault("failed", 0).intValue();
        }
        return new CheckResult(CHECK, status, summary.toString(), all, Map.of("rules", rules, "failed", failed),
                subjects);
    }

    /** The SBOM among the byproducts (a CycloneDX media type), when its content is at hand and matches its digest. */
    public static JsonNode sbomByproduct(JsonNode statement, Function<String, byte[]> evidence) {
        for (JsonNode b : statement.path("predicate").path("runDetails").path("byproducts")) {
            if (!b.path("mediaType").asText("").startsWith("application/vnd.cyclonedx")) {
                continue;
            }
            byte[] content = evidence.apply(b.path("name").asText(""));
            if (content != null && Digests.sha256Hex(content).equalsIgnoreCase(b.path("digest")
                    .path("sha256").asText())) {
                try {
                    return JSON.readTree(content);
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The check result of this name among the byproducts, when its content is at hand and matches its digest. */
    private static JsonNode result(JsonNode predicate, String check, Function<String, byte[]> evidence) {
        for (JsonNode b : predicate.path("runDetails").path("byproducts")) {
            String name = b.path("name").asText("");
            if (!(name.startsWith("pipeline-integrity/results/" + check + "-")
                    || name.contains("/pipeline-integrity/results/" + check + "-"))) {
                continue;
            }
            byte[] content = evidence.apply(name);
            if (content == null || !Digests.sha256Hex(content).equalsIgnoreCase(b.path("digest")
                    .path("sha256").asText())) {
                continue;
            }
            try {
                JsonNode r = JSON.readTree(content);
                if (check.equals(r.path("check").asText())) {
                    return r;
                }
            } catch (IOException e) {
                // not a result: not counted
            }
        }
        return null;
    }

    private static String stripOrigin(String ref) {
        return ref.startsWith("origin/") ? ref.substring(7) : ref.startsWith("refs/heads/") ? ref.substring(11) : ref;
    }

    /** {@code *} matches within a path segment, {@code **} across them. */
    static boolean glob(String pattern, String value) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                boolean deep = i + 1 < pattern.length() && pattern.charAt(i + 1) == '*';
                re.append(deep ? ".*" : "[^/]*");
                if (deep) {
                    i++;
                }
            } else {
                re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(re.toString());
    }

    private static Finding rule(String subject, String rule, boolean ok, String why) {
        return new Finding("policy-" + rule, ok ? Severity.INFO : Severity.HIGH, (ok ? "HOLDS: " : "FAILS: ") + why,
                Location.ofFile(subject), Digests.sha256Hex(CHECK, subject, rule));
    }
}
