package io.jenkins.plugins.integrity.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code scanForSecrets}: scans the workspace (or a path inside it) for leaked credentials on the agent that
 * holds it, prints the redacted findings, records them on the build's Integrity report, and fails the build
 * when a finding reaches {@code failOn}.
 */
public final class ScanForSecretsStep extends Step {
    static final String DEFAULT_FAIL_ON = "LOW";

    private String path;
    private String includes;
    private String excludes;
    private String failOn = DEFAULT_FAIL_ON;
    private String format = "text";
    private String config;
    private String baseline;
    private boolean history;
    private String since;

    @DataBoundConstructor
    public ScanForSecretsStep() {}

    public String getPath() {
        return path;
    }

    /** A file or directory relative to the workspace; the whole workspace when empty. */
    @DataBoundSetter
    public void setPath(String path) {
        this.path = Util.fixEmptyAndTrim(path);
    }

    public String getIncludes() {
        return includes;
    }

    /** Comma-separated Ant-style patterns of files to scan, e.g. {@code **}{@code /*.yml, Jenkinsfile}. */
    @DataBoundSetter
    public void setIncludes(String includes) {
        this.includes = Util.fixEmptyAndTrim(includes);
    }

    public String getExcludes() {
        return excludes;
    }

    @DataBoundSetter
    public void setExcludes(String excludes) {
        this.excludes = Util.fixEmptyAndTrim(excludes);
    }

    public String getFailOn() {
        return failOn;
    }

    /** NONE, INFO, LOW, MEDIUM, HIGH or CRITICAL; checked when the Jenkinsfile is read. */
    @DataBoundSetter
    public void setFailOn(String failOn) {
        String value = Util.fixEmptyAndTrim(failOn);
        this.failOn = value == null ? DEFAULT_FAIL_ON : Gate.parse(value).toString();
    }

    public String getFormat() {
        return format;
    }

    /** text (console only), or json, sarif or html: also write pipeline-integrity/secrets.&lt;ext&gt;. */
    @DataBoundSetter
    public void setFormat(String format) {
        String value = Util.fixEmptyAndTrim(format);
        this.format = value == null ? "text" : Format.parse(value).name().toLowerCase(java.util.Locale.ROOT);
    }

    public String getConfig() {
        return config;
    }

    /** A gitleaks TOML configuration in the workspace ({@code [extend] useDefault = true} keeps our rules). */
    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Util.fixEmptyAndTrim(config);
    }

    public String getBaseline() {
        return baseline;
    }

    /** A baseline in the workspace: an earlier JSON result or one fingerprint per line. */
    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = Util.fixEmptyAndTrim(baseline);
    }

    public boolean isHistory() {
        return history;
    }

    /** Scan the git history of the repository at {@code path} (every blob, once) instead of the files. */
    @DataBoundSetter
    public void setHistory(boolean history) {
        this.history = history;
    }

    public String getSince() {
        return since;
    }

    /** With {@code history}: only the commits not reachable from this revision. */
    @DataBoundSetter
    public void setSince(String since) {
        this.since = Util.fixEmptyAndTrim(since);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient ScanForSecretsStep step;

        Execution(ScanForSecretsStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            String json = workspace.act(new SecretScanCallable(step.path, CommaSeparated.list(step.includes),
                    CommaSeparated.list(step.excludes), step.failOn, step.config, step.baseline, step.history, step.since));
            CheckResult result = Json.readResult(json, "secret scan result");
            return new ResultPublisher(getContext().get(Run.class), getContext().get(TaskListener.class),
                    DescriptorImpl.FUNCTION).publish(result, Format.parse(step.format), workspace,
                    WorkspaceLinks.base(getContext().get(FlowNode.class)));
        }
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {
        static final String FUNCTION = "scanForSecrets";

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Scan the workspace for leaked credentials";
        }

        public ListBoxModel doFillFailOnItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("LOW (default: any finding fails the build)", "LOW");
            for (Severity s : new Severity[] {Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL, Severity.INFO}) {
                items.add(s.name(), s.name());
            }
            items.add("NONE (report only, never fail)", "NONE");
            return items;
        }

        public ListBoxModel doFillFormatItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("text (console only)", "text");
            items.add("sarif (also write pipeline-integrity/secrets.sarif)", "sarif");
            items.add("json (also write pipeline-integrity/secrets.json)", "json");
            items.add("html (also write pipeline-integrity/secrets.html)", "html");
            return items;
        }

        public FormValidation doCheckIncludes(@QueryParameter String value) {
            return checkPatterns(value);
        }

        public FormValidation doCheckExcludes(@QueryParameter String value) {
            return checkPatterns(value);
        }

        private static FormValidation checkPatterns(String value) {
            for (String p : CommaSeparated.list(Util.fixEmptyAndTrim(value))) {
                if (p.startsWith("/")) {
                    return FormValidation.error("Patterns are relative to the scanned path: " + p);
                }
            }
            return FormValidation.ok();
        }
    }
}
