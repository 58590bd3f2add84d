package io.jenkins.plugins.integrity.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.commits.CommitRange;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.Json;
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

/**
 * {@code verifyCommitSignatures}: verifies the signatures of the commits a build is about to build, on the
 * agent that holds the checkout, against the keys and policy the controller's administrator configured
 * (never against anything in the repository), records a verdict per commit on the build's Integrity report
 * and fails the build on any commit that is not VERIFIED (by default).
 */
public final class VerifyCommitSignaturesStep extends Step {
    /** Set by the Git plugin: the commit of the last successful build of this job. */
    static final String PREVIOUS_SUCCESSFUL_COMMIT = "GIT_PREVIOUS_SUCCESSFUL_COMMIT";

    private String repo;
    private String range;
    private String since;
    private int limit = CommitRange.DEFAULT_LIMIT;
    private boolean firstParent;
    private boolean requireIdentityMatch;
    private String failOn = ScanForSecretsStep.DEFAULT_FAIL_ON;
    private String format = "text";

    @DataBoundConstructor
    public VerifyCommitSignaturesStep() {}

    public String getRepo() {
        return repo;
    }

    /** The repository's folder relative to the workspace; the workspace when empty. */
    @DataBoundSetter
    public void setRepo(String repo) {
        this.repo = Util.fixEmptyAndTrim(repo);
    }

    public String getRange() {
        return range;
    }

    /** {@code A..B}, {@code A..} or a revision; see {@link #defaultRange}. */
    @DataBoundSetter
    public void setRange(String range) {
        String value = Util.fixEmptyAndTrim(range);
        if (value != null) {
            CommitRange.parse(value); // refuse a malformed range when the Jenkinsfile is read
        }
        this.range = value;
    }

    public String getSince() {
        return since;
    }

    /** Only the commits not reachable from this revision (e.g. the last release tag). */
    @DataBoundSetter
    public void setSince(String since) {
        this.since = Util.fixEmptyAndTrim(since);
    }

    public int getLimit() {
        return limit;
    }

    @DataBoundSetter
    public void setLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
    }

    public boolean isFirstParent() {
        return firstParent;
    }

    @DataBoundSetter
    public void setFirstParent(boolean firstParent) {
        this.firstParent = firstParent;
    }

    public boolean isRequireIdentityMatch() {
        return requireIdentityMatch;
    }

    /** Can only tighten the controller's policy: a trusted key on another person's commit fails. */
    @DataBoundSetter
    public void setRequireIdentityMatch(boolean requireIdentityMatch) {
        this.requireIdentityMatch = requireIdentityMatch;
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        String value = Util.fixEmptyAndTrim(failOn);
        this.failOn = value == null ? ScanForSecretsStep.DEFAULT_FAIL_ON : Gate.parse(value).toString();
    }

    public String getFormat() {
        return format;
    }

    @DataBoundSetter
    public void setFormat(String format) {
        String value = Util.fixEmptyAndTrim(format);
        this.format = value == null ? "text" : Format.parse(value).name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The commits to verify: {@code range}, else those since {@code since}, else those since the last successful
     * build ({@value #PREVIOUS_SUCCESSFUL_COMMIT}, set by the Git plugin), else the checked-out HEAD alone.
     */
    CommitRange defaultRange(EnvVars env) {
        CommitRange r;
        if (range != null) {
            r = CommitRange.parse(range);
        } else if (since != null) {
            r = CommitRange.head().since(since);
        } else if (env != null && Util.fixEmptyAndTrim(env.get(PREVIOUS_SUCCESSFUL_COMMIT)) != null) {
            r = CommitRange.head().since(env.get(PREVIOUS_SUCCESSFUL_COMMIT).trim());
        } else {
            return new CommitRange(null, "HEAD", 1, firstParent);
        }
        if (range != null && since != null) {
            r = r.since(since);
        }
        return r.withLimit(limit).withFirstParent(firstParent);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient VerifyCommitSignaturesStep step;

        Execution(VerifyCommitSignaturesStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            CommitRange commits = step.defaultRange(getContext().get(EnvVars.class));
            TrustMaterial trust = CommitTrustConfiguration.get().material();
            String json = workspace.act(new CommitVerifyCallable(step.repo, commits, trust,
                    step.requireIdentityMatch, step.failOn));
            CheckResult result = Json.readResult(json, "commit verification result");
            return new ResultPublisher(getContext().get(Run.class), getContext().get(TaskListener.class),
                    DescriptorImpl.FUNCTION).publish(result, Format.parse(step.format), workspace,
                    WorkspaceLinks.base(getContext().get(FlowNode.class)));
        }
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {
        static final String FUNCTION = "verifyCommitSignatures";

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class, EnvVars.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Verify the signatures of the commits being built";
        }

        public ListBoxModel doFillFailOnItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("LOW (default: any commit not VERIFIED fails the build)", "LOW");
            for (Severity s : new Severity[] {Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL}) {
                items.add(s.name(), s.name());
            }
            items.add("NONE (report only)", "NONE");
            return items;
        }

        public ListBoxModel doFillFormatItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("text (console only)", "text");
            items.add("json (also write pipeline-integrity/commits.json)", "json");
            items.add("sarif (also write pipeline-integrity/commits.sarif)", "sarif");
            items.add("html (also write pipeline-integrity/commits.html)", "html");
            return items;
        }
    }
}
