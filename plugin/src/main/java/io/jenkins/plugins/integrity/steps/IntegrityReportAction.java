package io.jenkins.plugins.integrity.steps;

import hudson.model.Api;
import hudson.model.Run;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.report.HtmlRenderer;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.report.Report;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The build's Integrity report: every check result recorded by the steps of this build, shown on its own
 * page ({@code /pipeline-integrity/}) and served by the JSON API ({@code /pipeline-integrity/api/json}).
 * Results are stored as their JSON documents (docs/formats.md), the one shape they have everywhere.
 */
@ExportedBean
public final class IntegrityReportAction implements RunAction2 {
    private static final Logger LOGGER = Logger.getLogger(IntegrityReportAction.class.getName());

    private final List<String> results = new ArrayList<>();
    /** Per result, where the workspace it scanned is browsed (relative to the build), or null. */
    private List<String> workspaceLinks = new ArrayList<>();
    private transient Run<?, ?> run;

    /** The build's report, attached on first use. */
    static IntegrityReportAction of(Run<?, ?> run) {
        synchronized (run) {
            IntegrityReportAction action = run.getAction(IntegrityReportAction.class);
            if (action == null) {
                action = new IntegrityReportAction();
                run.addAction(action);
            }
            return action;
        }
    }

    void add(CheckResult result, String workspaceLink) throws IOException {
        synchronized (this) {
            results.add(Json.write(result));
            workspaceLinks.add(workspaceLink);
        }
        if (run != null) {
            run.save();
        }
    }

    /** The recorded results, in the order the steps ran. */
    public synchronized List<CheckResult> getResults() {
        List<CheckResult> out = new ArrayList<>(results.size());
        for (String json : results) {
            try {
                out.add(Json.readResult(json, "recorded result"));
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "unreadable integrity result in " + run, e);
            }
        }
        return out;
    }

    @Exported(name = "results", visibility = 2)
    public List<ResultView> getResultViews() {
        return getResults().stream().map(ResultView::new).toList();
    }

    /** The worst status of the recorded results; ERROR when none could be read. */
    @Exported(visibility = 2)
    public String getStatus() {
        return getResults().stream().map(CheckResult::status).reduce(Status::worst).orElse(Status.ERROR).name();
    }

    /**
     * The build's archived evidence: what the steps archived under {@code pipeline-integrity/} (the provenance, the
     * check results it links, an SBOM written there) and the Sigstore bundles, as paths under the build's artifacts.
     */
    @Exported(visibility = 2)
    public List<String> getEvidence() {
        if (run == null || !run.getHasArtifacts()) {
            return List.of();
        }
        return run.getArtifacts().stream().map(a -> a.relativePath).filter(p -> p.startsWith("pipeline-integrity/")
                || p.endsWith(".sigstore.json") || p.endsWith(".cdx.json") || p.endsWith(".intoto.jsonl")
                || p.endsWith(".sarif")).sorted().toList();
    }

    /**
     * The page's content: the same report {@code audit} writes as report.html (the overview of every check, the
     * evidence, each check's findings, subjects and metrics), with links to the archived evidence and to the
     * findings' files in the workspace browser. Rendered by core's HtmlRenderer, which escapes every text.
     */
    public String getReportHtml() {
        List<HtmlRenderer.Evidence> evidence = getEvidence().stream().map(e -> new HtmlRenderer.Evidence(e,
                "../artifact/" + encodePath(e))).toList();
        return new HtmlRenderer(new HtmlRenderer.Links(evidence, this::fileLink)).body(Report.of(getResults()));
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(hudson.Util.rawEncode(segment));
        }
        return out.toString();
    }

    /** The link to a finding's file in the workspace browser, relative to this page; null if none. */
    public synchronized String fileLink(int resultIndex, Finding finding) {
        String base = workspaceLinks != null && resultIndex < workspaceLinks.size() ? workspaceLinks.get(resultIndex)
                : null;
        String link = WorkspaceLinks.to(base, finding.location());
        return link == null ? null : "../" + link;
    }

    public Api getApi() {
        return new Api(this);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-lock-closed";
    }

    @Override
    public String getDisplayName() {
        return "Integrity Report";
    }

    @Override
    public String getUrlName() {
        return "pipeline-integrity";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** Builds recorded before links were kept have none. */
    private Object readResolve() {
        if (workspaceLinks == null) {
            workspaceLinks = new ArrayList<>();
        }
        return this;
    }
}
