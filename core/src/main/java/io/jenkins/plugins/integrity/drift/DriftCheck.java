package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Subject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code drift} check of a controller: each drift from the baseline (when there is one) and each hardening
 * gap as a finding, located at the item ({@code kind:id}), judged by the gate.
 */
public final class DriftCheck {
    public static final String CHECK = "drift";

    private DriftCheck() {}

    /** @param baseline null for a first run: the hardening report alone */
    public static CheckResult of(ControllerSnapshot current, Baseline.Verified baseline, Gate gate) {
        return of(current, baseline, List.of(), gate);
    }

    /**
     * @param plans what re-applying each JCasC file would change: each change a {@code casc-plan-...} finding of the
     *     drift rule's severity
     */
    public static CheckResult of(ControllerSnapshot current, Baseline.Verified baseline, List<CascPlan.Planned> plans,
            Gate gate) {
        List<Finding> findings = new ArrayList<>();
        for (CascPlan.Planned p : plans) {
            String file = java.nio.file.Path.of(p.file()).getFileName().toString();
            for (Drift d : p.changes()) {
                findings.add(new Finding("casc-plan-" + d.rule().substring("drift-".length()), d.severity(),
                        "re-applying " + file + " would change: " + d.message(), Location.ofFile(d.item().key()),
                        Digests.sha256Hex(CHECK, "casc-plan", p.file(), d.rule(), d.item().key())));
            }
        }
        if (baseline != null && baseline.trust() == Baseline.Trust.UNVERIFIED) {
            findings.add(new Finding("drift-baseline-unverified", io.jenkins.plugins.integrity.check.Severity.MEDIUM,
                    "the baseline is neither signed nor pinned by its SHA-256: whoever can write it can hide drift",
                    null, Digests.sha256Hex(CHECK, "drift-baseline-unverified")));
        }
        findings.addAll(findings(current, baseline == null ? null : baseline.snapshot()));
        return result(current, baseline == null ? null : baseline.snapshot(), findings, gate);
    }

    private static List<Finding> findings(ControllerSnapshot current, ControllerSnapshot baseline) {
        List<Finding> findings = new ArrayList<>();
        List<Drift> drifts = baseline == null ? List.of() : DriftRules.compare(baseline, current);
        for (Drift d : drifts) {
            findings.add(new Finding(d.rule(), d.severity(), d.change() + ": " + d.message(), Location.ofFile(
                    d.item().key()), Digests.sha256Hex(CHECK, d.rule(), d.item().key(), d.after() == null ? ""
                            : d.after().attributes().toString())));
        }
        for (Hardening.Gap g : Hardening.assess(current)) {
            findings.add(new Finding(g.rule(), g.severity(), g.message(), Location.ofFile(g.item().key()),
                    Digests.sha256Hex(CHECK, g.rule(), g.item().key())));
        }
        return findings;
    }

    private static CheckResult result(ControllerSnapshot current, ControllerSnapshot baseline, List<Finding> findings,
            Gate gate) {
        long drifts = findings.stream().filter(f -> f.rule().startsWith("drift-") && f.location() != null).count();
        long planned = findings.stream().filter(f -> f.rule().startsWith("casc-plan-")).count();
        long gaps = findings.stream().filter(f -> f.rule().startsWith("hardening-")).count();
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("items", current.items().size());
        metrics.put("drifts", drifts);
        metrics.put("hardeningGaps", gaps);
        metrics.put("cascChanges", planned);
        Map<io.jenkins.plugins.integrity.check.Severity, Integer> bySeverity = new EnumMap<>(
                io.jenkins.plugins.integrity.check.Severity.class);
        findings.forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
        String summary = (baseline == null ? "no baseline: hardening only; " : drifts + " drift"
                + (drifts == 1 ? "" : "s") + " from the baseline of " + baseline.takenAt() + "; ")
                + gaps + " hardening gap" + (gaps == 1 ? "" : "s") + " in " + current.items().size()
                + " items" + (planned == 0 ? "" : "; re-applying JCasC would change " + planned)
                + (bySeverity.isEmpty() ? "" : " " + bySeverity);
        return new CheckResult(CHECK, gate.judge(findings), summary, findings, metrics,
                List.of(Subject.named("jenkins " + current.jenkinsVersion() + " (" + current.source() + ")")));
    }
}
