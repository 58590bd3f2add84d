package io.jenkins.plugins.integrity.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.PasswordParameterValue;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.provenance.BuildProvenance;
import io.jenkins.plugins.integrity.provenance.ResourceDescriptor;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.signing.Dsse;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code recordProvenance}: SLSA provenance v1 of the build (the workspace's artifacts by SHA-256, images by
 * digest), signed on the controller with the key its administrator configured (never on an agent, never named by
 * the Jenkinsfile), with the build's job, parameters and source, the controller as builder, and the SBOM and the
 * build's check results as byproducts by digest; archived as {@code pipeline-integrity/provenance.intoto.jsonl}.
 */
public final class RecordProvenanceStep extends RegistryStep {
    static final String CHECK = "provenance";
    static final String OUTPUT = "pipeline-integrity/provenance.intoto.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private String artifacts;
    private String images;
    private String sbom;
    private boolean archive = true;

    @DataBoundConstructor
    public RecordProvenanceStep() {
        // what the build made is given by the named parameters
    }

    public String getArtifacts() {
        return artifacts;
    }

    /** Comma-separated Ant patterns of the workspace files the build made. */
    @DataBoundSetter
    public void setArtifacts(String artifacts) {
        this.artifacts = Util.fixEmptyAndTrim(artifacts);
    }

    public String getImages() {
        return images;
    }

    /** Comma-separated images the build pushed, by digest ({@code registry/repo@sha256:...}). */
    @DataBoundSetter
    public void setImages(String images) {
        String v = Util.fixEmptyAndTrim(images);
        if (v != null) {
            for (String i : v.split(",")) {
                if (ImageReference.parse(i.trim()).digest() == null) {
                    throw new IllegalArgumentException("recordProvenance: the image " + i.trim() + " is not named by its"
                            + " digest (registry/repository@sha256:...)");
                }
            }
        }
        this.images = v;
    }

    public String getSbom() {
        return sbom;
    }

    /** The build's SBOM in the workspace (generateSbom's), linked as a byproduct by digest. */
    @DataBoundSetter
    public void setSbom(String sbom) {
        this.sbom = Util.fixEmptyAndTrim(sbom);
    }

    public boolean isArchive() {
        return archive;
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient RecordProvenanceStep step;

        Execution(RecordProvenanceStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            String fn = DescriptorImpl.FUNCTION;
            Run<?, ?> run = getContext().get(Run.class);
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            EnvVars env = getContext().get(EnvVars.class);
            if (step.artifacts == null && step.images == null) {
                throw new AbortException(fn + ": give artifacts or images (what the build made)");
            }
            JsonNode digests;
            try {
                digests = JSON.readTree(workspace.act(new DigestFilesCallable(step.artifacts,
                        step.sbom == null ? List.of() : List.of(step.sbom))));
            } catch (java.io.IOException e) {
                throw new AbortException(fn + ": " + e.getMessage());
            }
            List<ResourceDescriptor> subjects = new ArrayList<>();
            digests.fields().forEachRemaining(e -> {
                if (!e.getKey().equals(step.sbom)) {
                    subjects.add(ResourceDescriptor.file(e.getKey(), e.getValue().asText()));
                }
            });
            if (step.images != null) {
                for (String i : step.images.split(",")) {
                    ImageReference ref = ImageReference.parse(i.trim());
                    subjects.add(new ResourceDescriptor(ref.registry() + "/" + ref.repository(), null,
                            Map.of(ref.digest().algorithm(), ref.digest().hex()), null));
                }
            }
            if (subjects.isEmpty()) {
                throw new AbortException(fn + ": no file matches '" + step.artifacts + "'");
            }
            List<ResourceDescriptor> byproducts = new ArrayList<>();
            if (step.sbom != null) {
                byproducts.add(new ResourceDescriptor(step.sbom, null, Map.of("sha256", digests.path(step.sbom).asText()),
                        "application/vnd.cyclonedx+json"));
            }
            // the build's check results so far, written beside the provenance, archived with it and linked by digest
            List<String> evidence = new ArrayList<>(List.of(OUTPUT));
            IntegrityReportAction report = run.getAction(IntegrityReportAction.class);
            if (report != null) {
                for (CheckResult r : report.getResults()) {
                    String name = "pipeline-integrity/results/" + r.check() + "-" + (evidence.size()) + ".json";
                    byte[] bytes = Json.write(r).getBytes(StandardCharsets.UTF_8);
                    workspace.child(name).write(new String(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8.name());
                    evidence.add(name);
                    byproducts.add(new ResourceDescriptor(name, null, Map.of("sha256", Digests.sha256Hex(bytes)), "application/json"));
                }
            }
            String root = Util.fixNull(Jenkins.get().getRootUrl());
            ObjectNode external = external(run, env);
            List<ResourceDescriptor> resolved = new ArrayList<>(dependencies(env));
            pipelineScripts(run, getContext().get(org.jenkinsci.plugins.workflow.flow.FlowExecution.class), external,
                    resolved);
            if (step.images != null) {
                String[] login = step.registryLogin(run, fn);
                JsonNode bases = JSON.readTree(workspace.act(new BaseImagesCallable(step.images, login, step.isPlainHttp())));
                for (JsonNode b : bases) {
                    resolved.add(new ResourceDescriptor(b.path("name").asText(), null,
                            Map.of("sha256", b.path("sha256").asText()), null));
                }
            }
            BuildProvenance p = new BuildProvenance(subjects, BuildProvenance.JENKINS_PIPELINE, external,
                    JSON.createObjectNode().put("node", Util.fixNull(env.get("NODE_NAME"))), resolved,
                    root.isEmpty() ? "urn:jenkins:" + Jenkins.get().getLegacyInstanceId() : root, versions(),
                    root.isEmpty() ? run.getUrl() : run.getAbsoluteUrl(), Instant.ofEpochMilli(run.getStartTimeInMillis()),
                    Instant.now(), byproducts);
            SigningKey key;
            try {
                key = ProvenanceConfiguration.get().key();
            } catch (InvalidInputException e) {
                throw new AbortException(fn + ": the provenance signing key: " + e.getMessage());
            }
            String text = key == null ? new String(p.statement(), StandardCharsets.UTF_8)
                    : Dsse.sign(Dsse.IN_TOTO, p.statement(), key).toJson();
            workspace.child(OUTPUT).write(text + "\n", StandardCharsets.UTF_8.name());
            ResultPublisher publisher = new ResultPublisher(run, listener, fn);
            if (step.archive) {
                publisher.archive(workspace, getContext().get(Launcher.class), evidence);
            }
            List<Finding> findings = new ArrayList<>();
            String attachFailure = null;
            if (key != null && step.images != null) {
                String[] login = step.registryLogin(run, fn);
                for (String i : step.images.split(",")) {
                    try {
                        String where = workspace.act(new AttachProvenanceCallable(i.trim(), text, key.hint(), login,
                                step.isPlainHttp()));
                        findings.add(new Finding("provenance-attached", Severity.INFO, "attached to " + where
                                + " as an " + io.jenkins.plugins.integrity.signing.Attestations.SLSA_PROVENANCE
                                + " attestation", Location.ofFile(where), Digests.sha256Hex(CHECK, "attached", where)));
                    } catch (java.io.IOException e) {
                        attachFailure = i.trim() + ": the provenance could not be attached: " + e.getMessage();
                    }
                }
            }
            for (ResourceDescriptor s : subjects) {
                findings.add(new Finding("provenance-subject", Severity.INFO, s.name() + " " + s.digest(),
                        Location.ofFile(s.name()), Digests.sha256Hex(CHECK, s.name(), s.digest().toString())));
            }
            if (key == null) {
                findings.add(new Finding("provenance-unsigned", Severity.MEDIUM, "no provenance signing key is"
                        + " configured (Manage Jenkins > System > Pipeline Integrity: build provenance): the provenance"
                        + " is not signed", null, Digests.sha256Hex(CHECK, "unsigned")));
            }
            List<Subject> subjectList = subjects.stream().map(s -> new Subject(s.name(), s.digest())).toList();
            CheckResult result = attachFailure != null ? new CheckResult(CHECK, Status.ERROR, attachFailure, findings,
                    Map.of("subjects", subjects.size()), subjectList) : new CheckResult(CHECK, key == null ? Status.WARN : Status.PASS, subjects.size()
                    + " subject" + (subjects.size() == 1 ? "" : "s") + ", " + (key == null ? "unsigned" : "signed with "
                    + key.algorithm() + " key " + key.hint().substring(0, 12) + " by the controller") + ": " + OUTPUT,
                    findings, Map.of("subjects", subjects.size(), "byproducts", byproducts.size()), subjectList);
            Map<String, Object> map = new LinkedHashMap<>(publisher.publish(result, Format.TEXT, workspace, null));
            map.put("provenance", OUTPUT);
            return map;
        }

        private static ObjectNode external(Run<?, ?> run, EnvVars env) {
            ObjectNode e = JSON.createObjectNode().put("job", run.getParent().getFullName()).put("buildNumber",
                    run.getNumber());
            String url = env.get("GIT_URL");
            if (url != null) {
                ObjectNode source = e.putObject("source").put("uri", "git+" + io.jenkins.plugins.integrity.check.Urls.maskUserinfo(url));
                String ref = env.get("GIT_BRANCH", env.get("BRANCH_NAME"));
                if (ref != null) {
                    source.put("ref", ref);
                }
            }
            ParametersAction params = run.getAction(ParametersAction.class);
            if (params != null) {
                ObjectNode p = e.putObject("parameters");
                for (ParameterValue v : params.getAllParameters()) {
                    if (v instanceof PasswordParameterValue || v.isSensitive()) {
                        p.put(v.getName(), "(sensitive)");
                    } else {
                        Object value = v.getValue();
                        p.put(v.getName(), value == null ? "" : value.toString());
                    }
                }
            }
            return e;
        }

        /**
         * The Pipeline script that ran, by SHA-256, and the scripts it loaded ({@code load}), as resolved
         * dependencies; where the job takes it from its SCM, the script's path as {@code externalParameters.scriptPath}.
         */
        private static void pipelineScripts(Run<?, ?> run, org.jenkinsci.plugins.workflow.flow.FlowExecution execution,
                ObjectNode external, List<ResourceDescriptor> resolved) {
            String path = null;
            if (run.getParent() instanceof org.jenkinsci.plugins.workflow.job.WorkflowJob job
                    && job.getDefinition() instanceof org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition scm) {
                path = scm.getScriptPath();
                external.put("scriptPath", path);
            }
            if (execution instanceof org.jenkinsci.plugins.workflow.cps.CpsFlowExecution cps && cps.getScript() != null) {
                resolved.add(new ResourceDescriptor(path == null ? "Jenkinsfile (the job's inline script)" : path, null,
                        Map.of("sha256", Digests.sha256Hex(cps.getScript().getBytes(StandardCharsets.UTF_8))),
                        "text/x-groovy"));
                for (Map.Entry<String, String> loaded : new java.util.TreeMap<>(cps.getLoadedScripts()).entrySet()) {
                    resolved.add(new ResourceDescriptor("loaded script " + loaded.getKey(), null, Map.of("sha256",
                            Digests.sha256Hex(loaded.getValue().getBytes(StandardCharsets.UTF_8))), "text/x-groovy"));
                }
            }
        }

        private static List<ResourceDescriptor> dependencies(EnvVars env) {
            String url = env.get("GIT_URL");
            String commit = env.get("GIT_COMMIT");
            if (url == null || commit == null) {
                return List.of();
            }
            return List.of(new ResourceDescriptor(null, "git+" + io.jenkins.plugins.integrity.check.Urls.maskUserinfo(url), Map.of("gitCommit", commit), null));
        }

        private static Map<String, String> versions() {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("jenkins", Jenkins.VERSION);
            var plugin = Jenkins.get().getPluginManager().getPlugin("pipeline-integrity");
            v.put("pipeline-integrity", plugin == null ? "unknown" : plugin.getVersion());
            return v;
        }
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {
        static final String FUNCTION = "recordProvenance";

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class, Launcher.class,
                    org.jenkinsci.plugins.workflow.flow.FlowExecution.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Record the build's SLSA provenance, signed by the controller";
        }
    }
}
