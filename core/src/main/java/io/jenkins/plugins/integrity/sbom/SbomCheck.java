package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The SBOM check's result: how many components of which ecosystem, and the content policy's findings. */
public final class SbomCheck {
    public static final String CHECK = "sbom";

    private SbomCheck() {}

    /** @param written where the SBOM was written, for the summary (or null) */
    public static CheckResult result(SbomGenerator.Sbom sbom, List<Finding> findings, Gate gate, String written) {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("components", sbom.components().size());
        sbom.components().stream().collect(Collectors.groupingBy(Component::ecosystem, TreeMap::new,
                Collectors.counting())).forEach(metrics::put);
        if (sbom.image() != null) {
            metrics.put("layers", sbom.image().image().layers().size());
        }
        metrics.put("findings", findings.size());
        Status status = gate.judge(findings);
        String summary = sbom.components().size() + " components" + (findings.isEmpty() ? ""
                : ", " + findings.size() + " content policy finding" + (findings.size() == 1 ? "" : "s"))
                + (written == null ? "" : ", CycloneDX 1.6 in " + written);
        return new CheckResult(CHECK, status, summary, sorted(findings), metrics, List.of(subject(sbom)));
    }

    static Subject subject(SbomGenerator.Sbom sbom) {
        if (sbom.image() == null) {
            return Subject.named(sbom.subject());
        }
        var image = sbom.image().image();
        Map<String, String> digests = new TreeMap<>();
        if (image.manifestDigest() != null) {
            digests.put(image.manifestDigest().algorithm(), image.manifestDigest().hex());
        }
        return new Subject(sbom.subject(), digests);
    }

    /** The result of an SBOM that could not be made, naming the input at fault. */
    public static CheckResult error(String subject, String message) {
        return CheckResult.error(CHECK, message, List.of(Subject.named(subject)));
    }

    /** Findings sorted worst first, then by place, for stable reports. */
    static List<Finding> sorted(List<Finding> findings) {
        return findings.stream().sorted(java.util.Comparator.comparing(Finding::severity).reversed()
                .thenComparing(f -> f.location() == null ? "" : f.location().toString())
                .thenComparing(Finding::rule)).toList();
    }
}
