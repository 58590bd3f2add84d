package io.jenkins.plugins.integrity.report;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Several check results written together, as {@code audit} and the build's report page do. The overall
 * status is the worst of the results; an empty report is an ERROR, since nothing was checked.
 */
public record Report(ToolInfo tool, String generatedAt, List<CheckResult> results) {
    public Report {
        Objects.requireNonNull(tool, "tool is missing");
        Objects.requireNonNull(generatedAt, "generatedAt");
        results = results == null ? List.of() : List.copyOf(results);
    }

    public static Report of(List<CheckResult> results) {
        return new Report(ToolInfo.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), results);
    }

    public Status status() {
        return results.stream().map(CheckResult::status).reduce(Status::worst).orElse(Status.ERROR);
    }
}
