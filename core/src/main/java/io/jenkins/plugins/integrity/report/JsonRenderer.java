package io.jenkins.plugins.integrity.report;

import io.jenkins.plugins.integrity.check.CheckResult;

/** JSON output: one {@code CheckResult} document for a command, a {@code Report} document for a report. */
public final class JsonRenderer implements ReportRenderer {
    @Override
    public String render(Report report) {
        return Json.write(report);
    }

    @Override
    public String render(CheckResult result) {
        return Json.write(result);
    }
}
