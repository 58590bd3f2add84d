package io.jenkins.plugins.integrity.report;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Subject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One self-contained HTML page (inline style, no scripts, no external assets) that a reviewer can open
 * from an archive: the verdict of each check at a glance, then its findings. Every text is escaped.
 */
public final class HtmlRenderer implements ReportRenderer {
    /** The style of the report, scoped to its container so that it also sits inside another page. */
    public static final String STYLE = """
            .pi-report{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328}
            .pi-report h1{font-size:1.5rem}.pi-report h2{font-size:1.2rem;margin-top:2rem}
            .pi-report table{border-collapse:collapse;width:100%;margin:.5rem 0}
            .pi-report th,.pi-report td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;
            font-size:.9rem}
            .pi-report th{background:#f6f8fa}.pi-report code{font-family:ui-monospace,Menlo,Consolas,monospace;
            font-size:.85rem}
            .pi-report .status{font-weight:bold;padding:.1rem .4rem;border-radius:.3rem;color:#fff}
            .pi-report .PASS{background:#1a7f37}.pi-report .WARN{background:#9a6700}.pi-report .FAIL{background:#cf222e}
            .pi-report .ERROR{background:#6e7781}
            .pi-report td.CRITICAL,.pi-report td.HIGH{color:#cf222e;font-weight:bold}.pi-report td.MEDIUM{color:#9a6700}
            .pi-report td.LOW,.pi-report td.INFO{color:#57606a}
            .pi-report .meta{color:#57606a;font-size:.85rem}
            """;

    /** A file of evidence beside the report: its name and where it is, relative to the report. */
    public record Evidence(String name, String href) {}

    /**
     * What the report links to: the evidence, and each finding's file when it can be browsed.
     *
     * @param findingHref the link for a finding of the result at this index, or null when there is none
     */
    public record Links(List<Evidence> evidence, BiFunction<Integer, Finding, String> findingHref) {
        public Links {
            evidence = List.copyOf(evidence);
        }

        public static Links none() {
            return new Links(List.of(), (i, f) -> null);
        }

        public static Links evidence(List<Evidence> evidence) {
            return new Links(evidence, (i, f) -> null);
        }
    }

    private final Links links;

    public HtmlRenderer() {
        this(Links.none());
    }

    public HtmlRenderer(Links links) {
        this.links = links;
    }

    @Override
    public String render(Report report) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Pipeline Integrity report</title>\n<style>").append(STYLE)
                .append("body{margin:2rem}</style>\n</head>\n<body>\n<div class=\"pi-report\">\n");
        out.append("<h1>Pipeline Integrity report <span class=\"status ").append(report.status()).append("\">")
                .append(report.status()).append("</span></h1>\n");
        out.append("<p class=\"meta\">").append(esc(report.tool().name())).append(' ')
                .append(esc(report.tool().version())).append(" &middot; generated ")
                .append(esc(report.generatedAt())).append("</p>\n");
        appendContent(out, report);
        out.append("</div>\n</body>\n</html>\n");
        return out.toString();
    }

    /**
     * The report's content without the document around it, for another page to hold (the build's Integrity
     * Report): the style, then the same overview, evidence and checks as {@link #render}. Every text is escaped.
     */
    public String body(Report report) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<style>").append(STYLE).append("</style>\n<div class=\"pi-report\">\n");
        appendContent(out, report);
        out.append("</div>\n");
        return out.toString();
    }

    private void appendContent(StringBuilder out, Report report) {
        appendOverview(out, report);
        if (!links.evidence().isEmpty()) {
            out.append("<section id=\"integrity-evidence\">\n<h2>Evidence</h2>\n<ul>\n");
            for (Evidence e : links.evidence()) {
                out.append("<li>").append(link(e.href(), esc(e.name()))).append("</li>\n");
            }
            out.append("</ul>\n</section>\n");
        }
        for (int i = 0; i < report.results().size(); i++) {
            appendCheck(out, report.results().get(i), i);
        }
    }

    private static void appendOverview(StringBuilder out, Report report) {
        out.append("<table id=\"overview\">\n<tr><th>Check</th><th>Status</th><th>Findings</th><th>Summary</th></tr>\n");
        for (int i = 0; i < report.results().size(); i++) {
            CheckResult r = report.results().get(i);
            out.append("<tr><td><a href=\"#").append(anchor(r.check(), i)).append("\">")
                    .append(esc(r.check())).append("</a></td><td><span class=\"status ").append(r.status())
                    .append("\">").append(r.status()).append("</span></td><td>").append(r.findings().size())
                    .append("</td><td>").append(esc(r.summary())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void appendCheck(StringBuilder out, CheckResult r, int index) {
        out.append("<section class=\"integrity-check\" id=\"").append(anchor(r.check(), index)).append("\">\n<h2>")
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
                String href = links.findingHref().apply(index, f);
                String where = f.location() == null ? "" : esc(f.location().toString());
                out.append("<tr><td class=\"").append(f.severity()).append("\">").append(f.severity())
                        .append("</td><td><code>").append(esc(f.rule())).append("</code></td><td>")
                        .append(link(href, where)).append("</td><td>")
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

    /**
     * Escaped code, linked when the link is relative (to the report or its page): a link with a scheme
     * ({@code javascript:}, {@code https:}) is never written.
     */
    private static String link(String href, String escapedText) {
        boolean relative = href != null && !href.isEmpty() && !href.matches("(?s)^[A-Za-z][A-Za-z0-9+.-]*:.*")
                && !href.startsWith("//");
        return relative ? "<a href=\"" + esc(href) + "\"><code>" + escapedText + "</code></a>"
                : "<code>" + escapedText + "</code>";
    }

    /** The result's anchor: check-NAME-N, N its place in the report (a check may run more than once). */
    private static String anchor(String check, int index) {
        return "check-" + check.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "-" + (index + 1);
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
