package io.jenkins.plugins.integrity.check;

import java.util.Objects;

/**
 * One thing a check found. The message never holds a secret value; the fingerprint identifies the finding
 * stably across runs (it is what baselines and SARIF {@code partialFingerprints} use). The location is
 * {@code null} for findings about no particular file.
 */
public record Finding(String rule, Severity severity, String message, Location location, String fingerprint) {
    public Finding {
        Objects.requireNonNull(rule, "rule is missing");
        Objects.requireNonNull(severity, "severity is missing");
        Objects.requireNonNull(message, "message is missing");
        Objects.requireNonNull(fingerprint, "fingerprint is missing");
    }
}
