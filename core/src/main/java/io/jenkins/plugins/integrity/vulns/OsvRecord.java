package io.jenkins.plugins.integrity.vulns;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One vulnerability in the OSV schema (https://ossf.github.io/osv-schema/), with what matching needs: its id and
 * aliases, summary, modified and withdrawn times, severities, and the affected packages with their ranges and
 * versions.
 *
 * @param databaseSeverity the severity the database gives in {@code database_specific.severity} (GitHub's
 *     {@code LOW}, {@code MODERATE}, {@code HIGH}, {@code CRITICAL}), or null
 */
public record OsvRecord(String id, List<String> aliases, String summary, Instant modified, Instant withdrawn,
        List<Score> severity, List<Affected> affected, String databaseSeverity) {
    public OsvRecord {
        Objects.requireNonNull(id, "id");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        summary = summary == null ? "" : summary;
        severity = severity == null ? List.of() : List.copyOf(severity);
        affected = affected == null ? List.of() : List.copyOf(affected);
    }

    /** A {@code severity} entry: its type ({@code CVSS_V3}, {@code CVSS_V4}, {@code Ubuntu} ...) and score. */
    public record Score(String type, String score) {}

    /**
     * An {@code affected} entry.
     *
     * @param ecosystem the OSV ecosystem as written ({@code Debian:12}, {@code Maven})
     * @param severity the entry's own {@code severity}, or empty
     */
    public record Affected(String ecosystem, String name, String purl, List<Range> ranges, List<String> versions,
            List<Score> severity) {
        public Affected {
            ranges = ranges == null ? List.of() : List.copyOf(ranges);
            versions = versions == null ? List.of() : List.copyOf(versions);
            severity = severity == null ? List.of() : List.copyOf(severity);
        }

    }

    /** A {@code ranges} entry: {@code SEMVER}, {@code ECOSYSTEM} or {@code GIT}, and its events in order. */
    public record Range(String type, List<Event> events) {
        public Range {
            events = List.copyOf(events);
        }
    }

    /** An event: {@code introduced}, {@code fixed}, {@code last_affected} or {@code limit}, and its version. */
    public record Event(Kind kind, String version) {}

    public enum Kind {
        INTRODUCED("introduced"), FIXED("fixed"), LAST_AFFECTED("last_affected"), LIMIT("limit");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
