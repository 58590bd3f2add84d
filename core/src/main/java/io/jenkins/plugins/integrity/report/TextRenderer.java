package io.jenkins.plugins.integrity.report;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import java.util.Map;

/** Plain text for terminals and build consoles: one line per finding, then the verdict of each check. */
public final class TextRenderer implements ReportRenderer {
    @Override
    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        for (CheckResult result : report.results()) {
            appendResult(out, result);
        }
        if (report.results().size() > 1) {
            out.append("overall: ").append(report.status()).append('\n');
        }
        return out.toString();
    }

    /** The first line of a finding: severity, rule and location. */
    public static String findingLine(Finding f) {
        return String.format("%-8s %-32s %s", f.severity(), f.rule(), f.location() == null ? "-" : f.location());
    }

    /** The second line of a finding: its message and fingerprint, indented. */
    public static String detailLine(Finding f) {
        return "    " + f.message() + "  [fingerprint " + f.fingerprint() + "]";
    }

    /** The verdict line of a result: check, status, summary and metrics. */
    public static String verdictLine(CheckResult result) {
        StringBuilder out = new StringBuilder();
        out.append(result.check()).append(": ").append(result.status()).append(" - ").append(result.summary());
        if (!result.metrics().isEmpty()) {
            out.append(" (");
            String sep = "";
            for (Map.Entry<String, Number> m : result.metrics().entrySet()) {
                out.append(sep).append(m.getKey()).append('=').append(m.getValue());
                sep = ", ";
            }
            out.append(')');
        }
        return out.toString();
    }

    private static void appendResult(StringBuilder out, CheckResult result) {
        for (Finding f : result.findings()) {
            out.append(findingLine(f)).append('\n').append(detailLine(f)).append('\n');
        }
        out.append(verdictLine(result)).append('\n');
    }
}
