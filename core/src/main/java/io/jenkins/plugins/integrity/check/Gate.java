package io.jenkins.plugins.integrity.check;

import java.util.List;
import java.util.Locale;

/**
 * The failure policy of a check: findings at or above {@code failOn} fail it, any other finding makes it a
 * warning, no finding passes it. A gate with no threshold ({@link #NEVER}) never fails, which is how a
 * report-only run is asked for.
 */
public record Gate(Severity failOn) {
    public static final Gate NEVER = new Gate(null);

    public static Gate failOn(Severity severity) {
        return new Gate(java.util.Objects.requireNonNull(severity, "severity is missing"));
    }

    /** Parses {@code NONE} or a severity name. */
    public static Gate parse(String text) {
        if (text != null && text.trim().toUpperCase(Locale.ROOT).equals("NONE")) {
            return NEVER;
        }
        try {
            return failOn(Severity.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown failOn '" + text + "' (expected NONE, INFO, LOW, MEDIUM, HIGH or CRITICAL)", e);
        }
    }

    public Status judge(List<Finding> findings) {
        if (findings.isEmpty()) {
            return Status.PASS;
        }
        if (failOn != null && findings.stream().anyMatch(f -> f.severity().atLeast(failOn))) {
            return Status.FAIL;
        }
        return Status.WARN;
    }

    @Override
    public String toString() {
        return failOn == null ? "NONE" : failOn.name();
    }
}
