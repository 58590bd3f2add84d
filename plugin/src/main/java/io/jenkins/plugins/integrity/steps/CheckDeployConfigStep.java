package io.jenkins.plugins.integrity.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code checkDeployConfig}: the workspace's Dockerfiles, Kubernetes manifests and Compose files checked on the
 * agent for the risks a container brings to its host and cluster; findings on the build's report.
 */
public final class CheckDeployConfigStep extends SignatureTrustStep {
    static final String DEFAULT_FAIL_ON = "HIGH";
    private String paths;
    private String allow;
    private String failOn = DEFAULT_FAIL_ON;
    private String images;
    private String signedImages;
    private boolean denyOtherImages;
    private String platform;

    @DataBoundConstructor
    public CheckDeployConfigStep() {
        // by default the whole workspace
    }

    public String getPaths() {
        return paths;
    }

    /** Workspace files or folders, comma-separated (default: the workspace). */
    @DataBoundSetter
    public void setPaths(String paths) {
        this.paths = Util.fixEmptyAndTrim(paths);
    }

    public String getAllow() {
        return allow;
    }

    /** Allowances, comma-separated: RULE:GLOB (or *:GLOB), globs relative to the workspace. */
    @DataBoundSetter
    public void setAllow(String allow) {
        this.allow = Util.fixEmptyAndTrim(allow);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        String value = Util.fixEmptyAndTrim(failOn);
        this.failOn = value == null ? DEFAULT_FAIL_ON : Gate.parse(value).toString();
    }

    public String getImages() {
        return images;
    }

    /** Built images whose configurations to check, comma-separated: registry references, or oci:/archives in the workspace. */
    @DataBoundSetter
    public void setImages(String images) {
        String v = Util.fixEmptyAndTrim(images);
        if (v != null) {
            for (String i : v.split(",")) {
                io.jenkins.plugins.integrity.oci.ImageReference.parse(i.trim());
            }
        }
        this.images = v;
    }

    public String getPlatform() {
        return platform;
    }

    /** With images: the image to take from a multi-platform index, {@code os/arch[/variant]}; default linux/amd64. */
    @DataBoundSetter
    public void setPlatform(String platform) {
        String value = Util.fixEmptyAndTrim(platform);
        if (value != null) {
            io.jenkins.plugins.integrity.oci.Platform.of(value);
        }
        this.platform = value;
    }

    public String getSignedImages() {
        return signedImages;
    }

    /** With a key or a certificate identity: globs (comma-separated) over registry/repository; default every image. */
    @DataBoundSetter
    public void setSignedImages(String signedImages) {
        String v = Util.fixEmptyAndTrim(signedImages);
        if (v != null) {
            CommaSeparated.list(v).forEach(io.jenkins.plugins.integrity.secrets.Glob::new);
        }
        this.signedImages = v;
    }

    public boolean isDenyOtherImages() {
        return denyOtherImages;
    }

    /** With signedImages: an image that none of its globs matches is a finding too, instead of left unverified. */
    @DataBoundSetter
    public void setDenyOtherImages(boolean denyOtherImages) {
        this.denyOtherImages = denyOtherImages;
    }

    /** The signature policy for the images the files name, or null when no key or identity is given. */
    ImageTrust imageTrust(Run<?, ?> run) throws java.io.IOException {
        String fn = DescriptorImpl.FUNCTION;
        if (!trustGiven()) {
            if (signedImages != null || denyOtherImages) {
                throw new hudson.AbortException(fn + ": signedImages needs keyCredentialsId, or certificateIdentity,"
                        + " certificateOidcIssuer and trustedRootCredentialsId, to verify the signatures by");
            }
            return null;
        }
        if (denyOtherImages && signedImages == null) {
            throw new hudson.AbortException(fn + ": denyOtherImages needs signedImages, the images that must be signed");
        }
        return new ImageTrust(trustedPems(run, fn), keylessTrust(run, fn), CommaSeparated.list(signedImages),
                denyOtherImages);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient CheckDeployConfigStep step;

        Execution(CheckDeployConfigStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            FilePath workspace = getContext().get(FilePath.class);
            String[] login = step.registryLogin(run, DescriptorImpl.FUNCTION);
            CheckResult result = Json.readResult(workspace.act(new DeployCheckCallable(CommaSeparated.list(step.paths),
                    CommaSeparated.list(step.allow), step.failOn, CommaSeparated.list(step.images), step.platform, login,
                    step.isPlainHttp(), step.imageTrust(run))), "deployment check result");
            return new ResultPublisher(run, getContext().get(TaskListener.class), DescriptorImpl.FUNCTION).publish(result,
                    Format.TEXT, workspace, WorkspaceLinks.base(getContext().get(FlowNode.class)));
        }
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {
        static final String FUNCTION = "checkDeployConfig";

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Check Dockerfiles, Kubernetes manifests and Compose files for runtime risks";
        }
    }
}
