package io.jenkins.plugins.integrity.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import hudson.model.Result;
import io.jenkins.plugins.integrity.oci.Tools;
import io.jenkins.plugins.integrity.provenance.ProvenanceVerifier;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * recordProvenance in a JenkinsRule controller: the provenance of the build's artifacts, signed on the controller
 * with the administrator's key (never named by the Jenkinsfile), archived with the check results it links, and
 * verified with the public key; unsigned (a warning) when no key is configured.
 */
@WithJenkins
class RecordProvenanceStepTest {
    @TempDir
    Path keys;

    private static WorkflowRun run(JenkinsRule j, String name, String script, Result expected) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(expected, p);
    }

    private static byte[] artifact(WorkflowRun b, String path) throws Exception {
        try (InputStream in = b.getArtifactManager().root().child(path).open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void theControllerSignsTheBuildsProvenanceWithItsOwnKey(JenkinsRule j) throws Exception {
        Tools.run(keys, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "p.pem");
        Tools.run(keys, "openssl", "pkey", "-in", "p.pem", "-pubout", "-out", "p.pub");
        SystemCredentialsProvider.getInstance().getCredentials().add(new FileCredentialsImpl(CredentialsScope.SYSTEM,
                "provenance-key", "provenance signing key", "p.pem", SecretBytes.fromBytes(Files.readAllBytes(
                        keys.resolve("p.pem")))));
        SystemCredentialsProvider.getInstance().save();
        ProvenanceConfiguration.get().setSigningKeyCredentialsId("provenance-key");
        try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(keys.resolve("registry"), null, null)) {
            Path rootfs = Files.createDirectories(keys.resolve("rootfs/etc"));
            Files.writeString(rootfs.resolve("hostname"), "app\n");
            io.jenkins.plugins.integrity.oci.TestImage.create(keys, "app").layer(keys.resolve("rootfs"))
                    .config("--manifest.annotation", "org.opencontainers.image.base.name=docker.io/library/alpine:3.20",
                            "--manifest.annotation", "org.opencontainers.image.base.digest=sha256:" + "4b".repeat(32))
                    .push(registry.address() + "/team/app:1.0");
            var client = new io.jenkins.plugins.integrity.oci.RegistryClient(registry.address(), null, false);
            var image = client.manifest("team/app", "1.0").digest();
            signedAndAttached(j, registry.address() + "/team/app@" + image, client);
        }
        // an image whose registry cannot be reached: the provenance is archived, the result says where it failed
        WorkflowRun unreachable = run(j, "unreachable", "node { writeFile file: 'a.bin', text: 'a'\n"
                + " recordProvenance artifacts: 'a.bin', images: '127.0.0.1:9/app@sha256:" + "b".repeat(64) + "' }",
                Result.FAILURE);
        j.assertLogContains("127.0.0.1:9/app@sha256:" + "b".repeat(64) + ": the provenance could not be attached",
                unreachable);
    }

    private void signedAndAttached(JenkinsRule j, String image, io.jenkins.plugins.integrity.oci.RegistryClient client)
            throws Exception {
        String script = """
                node {
                  writeFile file: 'dist/app-1.0.jar', text: 'the artifact'
                  writeFile file: 'bom.cdx.json', text: '{"bomFormat":"CycloneDX"}'
                  scanForSecrets path: 'dist', failOn: 'NONE'
                  def p = recordProvenance artifacts: 'dist/*.jar', sbom: 'bom.cdx.json', images: '%s'
                  echo "provenance ${p.status}: ${p.summary}"
                }""".formatted(image);
        WorkflowRun b = run(j, "release", script, Result.SUCCESS);
        j.assertLogContains("provenance PASS: 2 subjects, signed with ECDSA_P256 key", b);
        j.assertLogContains("provenance-attached", b);
        var trusted = List.of(PublicKeys.fromPem(Files.readString(keys.resolve("p.pub"))));
        var v = ProvenanceVerifier.verify(artifact(b, "pipeline-integrity/provenance.intoto.jsonl"), trusted);
        assertThat(v.covers(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("the artifact".getBytes(java.nio.charset.StandardCharsets.UTF_8))))).isTrue();
        var imageRef = io.jenkins.plugins.integrity.oci.ImageReference.parse(image);
        assertThat(v.covers(imageRef.digest().hex())).isTrue();
        // the same signed provenance is the image's attestation in the registry
        var attested = new io.jenkins.plugins.integrity.signing.Attestations(client).verify(imageRef, trusted,
                io.jenkins.plugins.integrity.signing.Attestations.SLSA_PROVENANCE);
        assertThat(attested.ok()).as(attested.reason()).isTrue();
        assertThat(attested.predicate()).isEqualTo(v.predicate());
        JsonNode predicate = v.predicate();
        // what it was built from: the Pipeline script that ran, and the base image the image declares
        JsonNode resolved = predicate.path("buildDefinition").path("resolvedDependencies");
        assertThat(resolved.toString()).contains("\"name\":\"Jenkinsfile (the job's inline script)\"")
                .contains(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .contains("\"name\":\"docker.io/library/alpine:3.20\",\"digest\":{\"sha256\":\"" + "4b".repeat(32));
        assertThat(predicate.path("buildDefinition").path("buildType").asText())
                .isEqualTo("https://github.com/jenkinsci/pipeline-integrity/blob/main/docs/provenance.md"
                        + "#buildtype-jenkins-pipeline-v1");
        assertThat(predicate.path("buildDefinition").path("externalParameters").path("job").asText()).isEqualTo("release");
        assertThat(predicate.path("runDetails").path("builder").path("id").asText()).isEqualTo(j.jenkins.getRootUrl());
        assertThat(predicate.path("runDetails").path("metadata").path("invocationId").asText())
                .isEqualTo(b.getAbsoluteUrl());
        JsonNode byproducts = predicate.path("runDetails").path("byproducts");
        assertThat(byproducts).extracting(n -> n.path("name").asText()).contains("bom.cdx.json")
                .anyMatch(n -> n.startsWith("pipeline-integrity/results/secrets-"));
        for (JsonNode by : byproducts) {
            if (by.path("name").asText().startsWith("pipeline-integrity/results/")) {
                byte[] evidence = artifact(b, by.path("name").asText());
                assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(evidence))).isEqualTo(by.path("digest").path("sha256").asText());
            }
        }
        j.assertLogNotContains("BEGIN PRIVATE KEY", b);

        // the build's report links the evidence, and the job shows the trend over its builds
        JenkinsRule.WebClient wc = j.createWebClient();
        org.htmlunit.html.HtmlPage page = wc.goTo(b.getUrl() + "pipeline-integrity/");
        assertThat(page.getElementById("integrity-evidence").asNormalizedText())
                .contains("pipeline-integrity/provenance.intoto.jsonl").contains("pipeline-integrity/results/secrets-");
        // status at a glance: the same overview as audit's report.html, each check linked to its section
        assertThat(page.getElementById("overview").asNormalizedText()).contains("secrets").contains("provenance")
                .contains("PASS");
        assertThat(page.getElementById("check-provenance-2").asNormalizedText()).contains("provenance-attached");
        org.htmlunit.html.HtmlAnchor evidenceLink = page.getAnchorByHref(
                "../artifact/pipeline-integrity/provenance.intoto.jsonl");
        assertThat(evidenceLink.click().getWebResponse().getContentAsString()).contains("payloadType");
        assertThat(b.getAction(IntegrityReportAction.class).getEvidence()).contains(
                "pipeline-integrity/provenance.intoto.jsonl");
        j.buildAndAssertSuccess(b.getParent());
        org.htmlunit.html.HtmlPage trend = wc.goTo(b.getParent().getUrl() + "pipeline-integrity-trend/");
        assertThat(trend.getElementById("integrity-trend").asNormalizedText()).contains("#1").contains("#2")
                .contains("PASS");
        String json = wc.goTo(b.getParent().getUrl() + "pipeline-integrity-trend/api/json?depth=1", "application/json")
                .getWebResponse().getContentAsString();
        assertThat(json).contains("\"number\":2").contains("\"HIGH\":0");
    }

    @Test
    void withoutAKeyTheProvenanceIsUnsignedAndSaysSo(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "unsigned", """
                node {
                  writeFile file: 'out.bin', text: 'x'
                  def p = recordProvenance artifacts: 'out.bin'
                  echo "provenance ${p.status}"
                }""", Result.SUCCESS);
        j.assertLogContains("provenance-unsigned", b);
        j.assertLogContains("provenance WARN", b);
        WorkflowRun none = run(j, "nothing", "node { recordProvenance artifacts: 'missing/*' }", Result.FAILURE);
        j.assertLogContains("no file matches 'missing/*'", none);
        WorkflowRun tag = run(j, "tag", "node { recordProvenance images: 'registry.example.com/app:1.0' }",
                Result.FAILURE);
        j.assertLogContains("is not named by its digest", tag);
        // unsigned provenance is not attached to an image: nothing reaches the (unreachable) registry
        WorkflowRun image = run(j, "image", "node { def p = recordProvenance images: '127.0.0.1:9/app@sha256:"
                + "a".repeat(64) + "'\n echo \"provenance ${p.status}\" }", Result.SUCCESS);
        j.assertLogContains("provenance WARN", image);
        j.assertLogNotContains("provenance-attached", image);
    }
}
