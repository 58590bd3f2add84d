package io.jenkins.plugins.integrity.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.drift.Baseline;
import io.jenkins.plugins.integrity.drift.DriftCheck;
import io.jenkins.plugins.integrity.report.Format;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code checkControllerDrift}: the controller's security-relevant configuration (read on the controller, from
 * its JENKINS_HOME and its live objects; digests only, never a secret) against the baseline the administrator
 * approved, with the hardening report; only where the administrator enabled it in the global configuration.
 */
public final class CheckControllerDriftStep extends Step {
    static final String DEFAULT_FAIL_ON = "HIGH";
    private String failOn = DEFAULT_FAIL_ON;

    @DataBoundConstructor
    public CheckControllerDriftStep() {
        // the baseline and its key are the administrator's, in the global configuration
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        String value = Util.fixEmptyAndTrim(failOn);
        this.failOn = value == null ? DEFAULT_FAIL_ON : Gate.parse(value).toString();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient CheckControllerDriftStep step;

        Execution(CheckControllerDriftStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            String fn = DescriptorImpl.FUNCTION;
            DriftConfiguration config = DriftConfiguration.get();
            if (!config.isEnabled()) {
                throw new AbortException(fn + ": controller drift checks are off; an administrator enables them in"
                        + " Manage Jenkins > System > Pipeline Integrity: controller drift");
            }
            Baseline.Verified baseline;
            CheckResult result;
            try {
                baseline = config.baseline();
                var live = LiveSnapshot.take();
                var plans = io.jenkins.plugins.integrity.drift.CascPlan.planAll(io.jenkins.plugins.integrity.drift.CascPlan
                        .sources(jenkins.model.Jenkins.get().getRootDir().toPath(), System.getenv("CASC_JENKINS_CONFIG")),
                        live);
                result = DriftCheck.of(live, baseline, plans, Gate.parse(step.failOn));
            } catch (InvalidInputException e) {
                throw new AbortException(fn + ": " + e.getMessage());
            }
            return new ResultPublisher(getContext().get(Run.class), getContext().get(TaskListener.class), fn)
                    .publish(result, Format.TEXT, null, null);
        }
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {
        static final String FUNCTION = "checkControllerDrift";

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Check the controller's configuration against its approved baseline";
        }
    }
}
