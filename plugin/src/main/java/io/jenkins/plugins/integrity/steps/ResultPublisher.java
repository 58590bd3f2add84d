package io.jenkins.plugins.integrity.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.commits.CommitSignatureVerifier;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.TextRenderer;
import io.jenkins.plugins.integrity.secrets.Redactor;
import io.jenkins.plugins.integrity.secrets.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a check's result back into the build, the same way for every step: prints it to the console
 * (through the redactor), records it on the build's Integrity report, writes the report file the step
 * asked for, and stops the build with FAILURE when the check failed or could not look.
 */
final class ResultPublisher {
    static final String REPORT_DIR = "pipeline-integrity";

    private final Run<?, ?> run;
    private final TaskListener listener;
    private final String stepName;

    ResultPublisher(Run<?, ?> run, TaskListener listener, String stepName) {
        this.run = run;
        this.listener = listener;
        this.stepName = stepName;
    }

    /**
     * Publishes the result and returns it as a map for the Jenkinsfile.
     *
     * @param workspaceLinks where the step's workspace is browsed, relative to the build (null if nowhere)
     */
    Map<String, Object> publish(CheckResult result, Format format, FilePath workspace, String workspaceLinks)
            throws IOException, InterruptedException {
        Redactor redactor = new Redactor(RuleSet.builtIn());
        String prefix = "[" + stepName + "] ";
        for (Finding f : result.findings()) {
            String line = prefix + redactor.redact(TextRenderer.findingLine(f));
            if (f.location() != null) {
                String at = f.location().toString();
                listener.annotate(new FindingNote(WorkspaceLinks.to(workspaceLinks, f.location()),
                        line.lastIndexOf(at), at.length()));
            }
            listener.getLogger().println(line);
            listener.getLogger().println(prefix + redactor.redact(TextRenderer.detailLine(f)));
        }
        listener.getLogger().println(prefix + redactor.redact(TextRenderer.verdictLine(result)));
        IntegrityReportAction.of(run).add(result, workspaceLinks);
        String reportFile = null;
        if (format != Format.TEXT) {
            reportFile = REPORT_DIR + "/" + result.check() + "." + format.extension();
            workspace.child(reportFile).write(format.renderer().render(result), StandardCharsets.UTF_8.name());
            listener.getLogger().println("[" + stepName + "] report written to " + reportFile);
        }
        if (result.status() == Status.FAIL || result.status() == Status.ERROR) {
            throw new AbortException(stepName + ": " + result.status() + " - " + redactor.redact(result.summary()));
        }
        return asMap(result, reportFile);
    }

    /** Archives workspace files (the evidence a step wrote: an SBOM, bundles) with the build, under the same paths. */
    void archive(FilePath workspace, hudson.Launcher launcher, List<String> paths) throws IOException,
            InterruptedException {
        Map<String, String> artifacts = new LinkedHashMap<>();
        paths.forEach(p -> artifacts.put(p, p));
        run.pickArtifactManager().archive(workspace, launcher,
                new hudson.model.StreamBuildListener(listener.getLogger(), StandardCharsets.UTF_8), artifacts);
    }

    /** For the commit check: one entry per commit, {@code id}, {@code status} (VERIFIED ...) and the message. */
    private static List<Map<String, Object>> commits(CheckResult result) {
        List<Map<String, Object>> commits = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (f.location() == null || f.location().commit() == null) {
                continue;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", f.location().commit());
            c.put("status", f.rule().substring("commit-".length()).replace('-', '_').toUpperCase(java.util.Locale.ROOT));
            c.put("message", f.message());
            commits.add(c);
        }
        return commits;
    }

    static Map<String, Object> asMap(CheckResult result, String reportFile) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("check", result.check());
        map.put("status", result.status().name());
        map.put("summary", result.summary());
        map.put("findingCount", result.findings().size());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            counts.put(s.name(), (int) result.findings().stream().filter(f -> f.severity() == s).count());
        }
        map.put("counts", counts);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : result.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule());
            m.put("severity", f.severity().name());
            m.put("message", f.message());
            if (f.location() != null) {
                m.put("file", f.location().file());
                m.put("line", f.location().line());
                m.put("column", f.location().column());
                if (f.location().commit() != null) {
                    m.put("commit", f.location().commit());
                }
            }
            m.put("fingerprint", f.fingerprint());
            findings.add(m);
        }
        map.put("findings", findings);
        if (result.check().equals(CommitSignatureVerifier.CHECK)) {
            map.put("commits", commits(result));
        }
        if (reportFile != null) {
            map.put("reportFile", reportFile);
        }
        return map;
    }
}
