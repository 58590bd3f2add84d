package io.jenkins.plugins.integrity.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code scanVulnerabilities}: the build's SBOM (generateSbom's, or one made of a workspace folder) matched on
 * the agent against the OSV data the administrators configured, triaged by the workspace's VEX documents;
 * findings on the build's report, the build failed per {@code failOn}.
 */
public final class ScanVulnerabilitiesStep extends Step {
    static final String DEFAULT_FAIL_ON = "HIGH";
    private String sbom;
    private String path;
    private String vex;
    private String osv;
    private String failOn = DEFAULT_FAIL_ON;
    private String sbomOutput;
    private boolean archive = true;
    private String versionPolicy;

    @DataBoundConstructor
    public ScanVulnerabilitiesStep() {
        // what to scan is given by the named parameters; by default the workspace
    }

    public String getSbom() {
        return sbom;
    }

    /** A CycloneDX SBOM in the workspace (JSON or XML), e.g. generateSbom's output. */
    @DataBoundSetter
    public void setSbom(String sbom) {
        this.sbom = Util.fixEmptyAndTrim(sbom);
    }

    public String getPath() {
        return path;
    }

    /** Without {@code sbom}: the workspace folder to make the SBOM of (default: the workspace). */
    @DataBoundSetter
    public void setPath(String path) {
        this.path = Util.fixEmptyAndTrim(path);
    }

    public String getVex() {
        return vex;
    }

    /** VEX documents in the workspace (CycloneDX VEX or OpenVEX), comma-separated. */
    @DataBoundSetter
    public void setVex(String vex) {
        this.vex = Util.fixEmptyAndTrim(vex);
    }

    public String getOsv() {
        return osv;
    }

    /** OSV data in the workspace (zips or directories, comma-separated), used with the configured data. */
    @DataBoundSetter
    public void setOsv(String osv) {
        this.osv = Util.fixEmptyAndTrim(osv);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        String value = Util.fixEmptyAndTrim(failOn);
        this.failOn = value == null ? DEFAULT_FAIL_ON : Gate.parse(value).toString();
    }

    public String getSbomOutput() {
        return sbomOutput;
    }

    /** Write the SBOM with a CycloneDX vulnerabilities section here, in the workspace. */
    @DataBoundSetter
    public void setSbomOutput(String sbomOutput) {
        this.sbomOutput = Util.fixEmptyAndTrim(sbomOutput);
    }

    public boolean isArchive() {
        return archive;
    }

    /** Archive {@code sbomOutput} with the build (default true). */
    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    public String getVersionPolicy() {
        return versionPolicy;
    }

    /** A version policy in the workspace (YAML: denied, endOfLife, minimums). */
    @DataBoundSetter
    public void setVersionPolicy(String versionPolicy) {
        this.versionPolicy = Util.fixEmptyAndTrim(versionPolicy);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient ScanVulnerabilitiesStep step;

        Execution(ScanVulnerabilitiesStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            String fn = DescriptorImpl.FUNCTION;
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            if (step.sbom != null && step.path != null) {
                throw new AbortException(fn + ": give sbom or path, not both");
            }
            List<String> data = new ArrayList<>(VulnerabilityConfiguration.get().paths());
            for (String o : CommaSeparated.list(step.osv)) {
                if (java.nio.file.Path.of(o).isAbsolute()) {
                    throw new AbortException(fn + ": osv names workspace paths; data elsewhere on the agent is"
                            + " configured in Manage Jenkins > System > Pipeline Integrity: vulnerability data");
                }
                data.add(o);
            }
            if (data.isEmpty()) {
                throw new AbortException(fn + ": no OSV data: configure it in Manage Jenkins > System > Pipeline"
                        + " Integrity: vulnerability data (osvData), or give osv");
            }
            CheckResult result = Json.readResult(workspace.act(new VulnerabilityScanCallable(step.sbom, step.path,
                    CommaSeparated.list(step.vex), data, step.failOn, step.sbomOutput, step.versionPolicy)), "vulnerability result");
            ResultPublisher publisher = new ResultPublisher(run, listener, fn);
            if (step.sbomOutput != null && step.archive && result.status() != Status.ERROR
                    && workspace.child(step.sbomOutput).exists()) {
                publisher.archive(workspace, getContext().get(Launcher.class), List.of(step.sbomOutput));
            }
            Map<String, Object> map = new LinkedHashMap<>(publisher.publish(result, Format.TEXT, workspace, null));
            map.put("vulnerabilities", result.metrics().getOrDefault("vulnerabilities", 0));
            map.put("suppressed", result.metrics().getOrDefault("suppressed", 0));
            return map;
        }
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {
        static final String FUNCTION = "scanVulnerabilities";

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class, Launcher.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Match the build's SBOM against OSV vulnerability data (offline), with VEX triage";
        }
    }
}
