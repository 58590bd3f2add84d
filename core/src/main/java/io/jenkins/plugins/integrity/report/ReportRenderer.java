package io.jenkins.plugins.integrity.report;

import io.jenkins.plugins.integrity.check.CheckResult;
import java.util.List;

/** Turns check results into one output format. Renderers only format: they never see a secret value. */
public interface ReportRenderer {
    /** Renders a whole report (several checks, as {@code audit} writes). */
    String render(Report report);

    /** Renders the result of one command or step. */
    default String render(CheckResult result) {
        return render(Report.of(List.of(result)));
    }
}
