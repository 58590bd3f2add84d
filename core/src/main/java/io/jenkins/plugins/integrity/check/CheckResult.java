package io.jenkins.plugins.integrity.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one check, the one shape every capability reports in. {@code metrics} holds counts and
 * durations (numbers only); {@code subjects} names what was checked.
 */
public record CheckResult(
        String check,
        Status status,
        String summary,
        List<Finding> findings,
        Map<String, Number> metrics,
        List<Subject> subjects) {

    public CheckResult {
        Objects.requireNonNull(check, "check is missing");
        Objects.requireNonNull(status, "status is missing");
        Objects.requireNonNull(summary, "summary is missing");
        findings = findings == null ? List.of() : List.copyOf(findings);
        metrics = metrics == null ? Map.of() : normalise(metrics);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }

    /** Integral numbers become {@code Long} and others {@code Double}, so that equal results are equal after JSON. */
    private static Map<String, Number> normalise(Map<String, Number> metrics) {
        Map<String, Number> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(Objects.requireNonNull(k, "metric name is missing"),
                v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal
                        ? (Number) v.doubleValue() : (Number) v.longValue()));
        return Collections.unmodifiableMap(out);
    }

    /** The result of a check that could not look at its input. */
    public static CheckResult error(String check, String summary, List<Subject> subjects) {
        return new CheckResult(check, Status.ERROR, summary, List.of(), Map.of(), subjects);
    }

    /** The number of findings at or above a severity. */
    public long count(Severity atLeast) {
        return findings.stream().filter(f -> f.severity().atLeast(atLeast)).count();
    }
}
