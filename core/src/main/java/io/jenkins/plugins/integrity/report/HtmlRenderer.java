package io.jenkins.plugins.integrity.report;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Subject;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page (inline style, no scripts, no external assets) that a reviewer can open
 * from an archive: the verdict of each check at a glance, then its findings. Every text is escaped.
 */
public final class HtmlRenderer implements ReportRenderer {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1f2328}
            h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}
            th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
            th{background:#f6f8fa}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
            .status{font-weight:bold;padding:.1rem .4rem;border-radius:.3rem;color:#fff}
            .PASS{background:#1a7f37}.WARN{background:#9a6700}.FAIL{background:#cf222e}.ERROR{background:#6e7781}
            .CRITICAL,.HIGH{color:#cf222e;font-weight:bold}.MEDIUM{color:#9a6700}.LOW,.INFO{color:#57606a}
            .meta{color:#57606a;font-size:.85rem}
            """;

    @Override
    public String render(Report report) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Pipeline Integrity report</title>\n<style>").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n");
        out.append("<h1>Pipeline Integrity report <span class=\"status ").append(report.status()).append("\">")
                .append(report.status()).append("</span></h1>\n");
        out.append("<p class=\"meta\">").append(esc(report.tool().name())).append(' ')
                .append(esc(report.tool().version())).append(" &middot; generated ")
                .append(esc(report.generatedAt())).append("</p>\n");
        appendOverview(out, report);
        for (CheckResult result : report.results()) {
            appendCheck(out, result);
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void appendOverview(StringBuilder out, Report report) {
        out.append("<table id=\"overview\">\n<tr><th>Check</th><th>Status</th><th>Findings</th><th>Summary</th></tr>\n");
        for (CheckResult r : report.results()) {
            out.append("<tr><td><a href=\"#check-").append(esc(anchor(r.check()))).append("\">")
                    .append(esc(r.check())).append("</a></td><td><span class=\"status ").append(r.status())
                    .append("\">").append(r.status()).append("</span></td><td>").append(r.findings().size())
                    .append("</td><td>").append(esc(r.summary())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void appendCheck(StringBuilder out, CheckResult r) {
        out.append("<section id=\"check-").append(esc(anchor(r.check()))).append("\">\n<h2>")
                .append(esc(r.check())).append(" <span class=\"status ").append(r.status()).append("\">")
                .append(r.status()).append("</span></h2>\n<p>").append(esc(r.summary())).append("</p>\n");
        if (!r.subjects().isEmpty()) {
            out.append("<p class=\"meta\">Subjects: ");
            String sep = "";
            for (Subject s : r.subjects()) {
                out.append(sep).append("<code>").append(esc(s.name())).append("</code>");
                for (Map.Entry<String, String> d : s.digests().entrySet()) {
                    out.append(" <code>").append(esc(d.getKey())).append(':').append(esc(d.getValue()))
                            .append("</code>");
                }
                sep = ", ";
            }
            out.append("</p>\n");
        }
        if (!r.findings().isEmpty()) {
            out.append("<table class=\"findings\">\n<tr><th>Severity</th><th>Rule</th><th>Location</th>")
                    .append("<th>Message</th><th>Fingerprint</th></tr>\n");
            for (Finding f : r.findings()) {
                out.append("<tr><td class=\"").append(f.severity()).append("\">").append(f.severity())
                        .append("</td><td><code>").append(esc(f.rule())).append("</code></td><td><code>")
                        .append(f.location() == null ? "" : esc(f.location().toString())).append("</code></td><td>")
                        .append(esc(f.message())).append("</td><td><code>").append(esc(f.fingerprint()))
                        .append("</code></td></tr>\n");
            }
            out.append("</table>\n");
        }
        if (!r.metrics().isEmpty()) {
            out.append("<p class=\"meta\">");
            String sep = "";
            for (Map.Entry<String, Number> m : r.metrics().entrySet()) {
                out.append(sep).append(esc(m.getKey())).append(": ").append(m.getValue());
                sep = " &middot; ";
            }
            out.append("</p>\n");
        }
        out.append("</section>\n");
    }

    private static String anchor(String check) {
        return check.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    /** Escapes text for HTML element content and double-quoted attributes. */
    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
