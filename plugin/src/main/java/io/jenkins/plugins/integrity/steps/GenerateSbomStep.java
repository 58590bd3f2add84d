package io.jenkins.plugins.integrity.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.Platform;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code generateSbom}: a CycloneDX 1.6 SBOM of the workspace (or a path in it) or of an image, made on the
 * agent; the SBOM is written into the workspace and archived with the build, the component count and the
 * content policy's findings go on the build's Integrity report, and the build fails per {@code failOn}.
 */
public final class GenerateSbomStep extends RegistryStep {
    static final String DEFAULT_FAIL_ON = "HIGH";

    private String path;
    private String image;
    private String output;
    private String format = "json";
    private String denyPackages;
    private String failOn = DEFAULT_FAIL_ON;
    private String platform;
    private boolean archive = true;

    @DataBoundConstructor
    public GenerateSbomStep() {}

    public String getPath() {
        return path;
    }

    /**
     * A directory relative to the workspace, or a tar, tar.gz or zip archive in it; the whole workspace when
     * empty and no image is named.
     */
    @DataBoundSetter
    public void setPath(String path) {
        this.path = Util.fixEmptyAndTrim(path);
    }

    public String getImage() {
        return image;
    }

    /** An image: {@code registry/repository:tag} or {@code @sha256:...}, or oci:, oci-archive:, docker-archive: in the workspace. */
    @DataBoundSetter
    public void setImage(String image) {
        String value = Util.fixEmptyAndTrim(image);
        if (value != null) {
            ImageReference.parse(value);
        }
        this.image = value;
    }

    public String getOutput() {
        return output;
    }

    /** Where the SBOM goes in the workspace; default {@code pipeline-integrity/bom.cdx.json} (or .xml). */
    @DataBoundSetter
    public void setOutput(String output) {
        this.output = Util.fixEmptyAndTrim(output);
    }

    public String getFormat() {
        return format;
    }

    /** json or xml. */
    @DataBoundSetter
    public void setFormat(String format) {
        String value = Util.fixEmptyAndTrim(format);
        String f = value == null ? "json" : value.toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("xml")) {
            throw new IllegalArgumentException("format must be json or xml, not '" + format + "'");
        }
        this.format = f;
    }

    public String getDenyPackages() {
        return denyPackages;
    }

    /** Packages that must not be there, comma- or space-separated: NAME, NAME@VERSION or package URLs. */
    @DataBoundSetter
    public void setDenyPackages(String denyPackages) {
        this.denyPackages = Util.fixEmptyAndTrim(denyPackages);
        new io.jenkins.plugins.integrity.sbom.ContentPolicy(denied(this.denyPackages));
    }

    public String getFailOn() {
        return failOn;
    }

    /** NONE, INFO, LOW, MEDIUM, HIGH (default) or CRITICAL. */
    @DataBoundSetter
    public void setFailOn(String failOn) {
        String value = Util.fixEmptyAndTrim(failOn);
        this.failOn = value == null ? DEFAULT_FAIL_ON : Gate.parse(value).toString();
    }

    public String getPlatform() {
        return platform;
    }

    /** The image to take from a multi-platform index, {@code os/arch[/variant]}; default linux/amd64. */
    @DataBoundSetter
    public void setPlatform(String platform) {
        String value = Util.fixEmptyAndTrim(platform);
        if (value != null) {
            Platform.of(value);
        }
        this.platform = value;
    }

    public boolean isArchive() {
        return archive;
    }

    /** Archive the SBOM with the build (default true). */
    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    static List<String> denied(String text) {
        return text == null ? List.of()
                : Arrays.stream(text.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    String outputFile() {
        return output != null ? output : ResultPublisher.REPORT_DIR + "/bom.cdx." + format;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient GenerateSbomStep step;

        Execution(GenerateSbomStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            if (step.image != null && step.path != null) {
                throw new AbortException(DescriptorImpl.FUNCTION + ": give either path or image, not both");
            }
            String[] login = step.registryLogin(run, DescriptorImpl.FUNCTION);
            String out = step.outputFile();
            String json = workspace.act(new SbomCallable(step.path, step.image, out, step.format,
                    denied(step.denyPackages), step.failOn, step.platform, login[0], login[1], step.isPlainHttp()));
            CheckResult result = Json.readResult(json, "SBOM result");
            ResultPublisher publisher = new ResultPublisher(run, listener, DescriptorImpl.FUNCTION);
            boolean written = result.status() != Status.ERROR && workspace.child(out).exists();
            if (written) {
                listener.getLogger().println("[" + DescriptorImpl.FUNCTION + "] " + result.metrics().get("components")
                        + " components, CycloneDX 1.6 " + step.format + " in " + out);
                if (step.archive) {
                    publisher.archive(workspace, getContext().get(Launcher.class), List.of(out));
                }
            }
            // an image's files are not in the workspace, so its findings link nowhere
            String links = step.image != null ? null : WorkspaceLinks.base(getContext().get(FlowNode.class));
            Map<String, Object> map = new LinkedHashMap<>(publisher.publish(result, Format.TEXT, workspace, links));
            map.put("sbomFile", out);
            map.put("components", result.metrics().getOrDefault("components", 0));
            return map;
        }
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {
        static final String FUNCTION = "generateSbom";

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class, Launcher.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Generate a CycloneDX SBOM of the workspace or an image";
        }

        public ListBoxModel doFillFailOnItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("HIGH (default: an SSH server, authorized keys, a secret or a denied package fails the build)",
                    "HIGH");
            for (Severity s : new Severity[] {Severity.CRITICAL, Severity.MEDIUM, Severity.LOW, Severity.INFO}) {
                items.add(s.name(), s.name());
            }
            items.add("NONE (report only, never fail)", "NONE");
            return items;
        }

        public ListBoxModel doFillFormatItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("json (CycloneDX 1.6 JSON)", "json");
            items.add("xml (CycloneDX 1.6 XML)", "xml");
            return items;
        }

        public FormValidation doCheckImage(@QueryParameter String value) {
            String v = Util.fixEmptyAndTrim(value);
            if (v == null) {
                return FormValidation.ok();
            }
            try {
                ImageReference.parse(v);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
