package io.jenkins.plugins.integrity.check;

import java.util.Locale;

/** How bad a finding is, from informational to critical; ordered so that {@code compareTo} ranks them. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** True when this severity is the same as or worse than {@code other}. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses a severity name case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Severity parse(String text) {
        if (text != null) {
            String name = text.trim().toUpperCase(Locale.ROOT);
            for (Severity s : values()) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown severity '" + text + "' (expected one of INFO, LOW, MEDIUM, HIGH, CRITICAL)");
    }
}
