package io.jenkins.plugins.integrity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.integrity.oci.Tools;
import io.jenkins.plugins.integrity.provenance.ProvenanceVerifier;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * recordProvenance in a stock Jenkins with our packaged .hpi: the administrator stores the provenance key as a
 * System credential and names it in the global configuration (script console, as an automation would); a
 * Jenkinsfile builds, scans and records provenance; the archived envelope verifies with the public key and covers
 * the artifact, and links the SBOM and the scan result by digest.
 */
class RecordProvenanceE2EIT {
    @TempDir
    static Path keys;
    private static RealJenkins jenkins;

    @BeforeAll
    static void boot() throws Exception {
        Tools.run(keys, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "p.pem");
        Tools.run(keys, "openssl", "pkey", "-in", "p.pem", "-pubout", "-out", "p.pub");
        jenkins = RealJenkins.start();
        String script = String.join("\n",
                "import com.cloudbees.plugins.credentials.*",
                "import org.jenkinsci.plugins.plaincredentials.impl.*",
                "def store = SystemCredentialsProvider.getInstance().getCredentials()",
                "store.add(new FileCredentialsImpl(CredentialsScope.SYSTEM, 'provenance-key', 'provenance key', 'p.pem',",
                "    SecretBytes.fromBytes(new File('" + keys.resolve("p.pem") + "').bytes)))",
                "SystemCredentialsProvider.getInstance().save()",
                "io.jenkins.plugins.integrity.steps.ProvenanceConfiguration.get().signingKeyCredentialsId = 'provenance-key'",
                "jenkins.model.JenkinsLocationConfiguration.get().url = '" + jenkins.url() + "'",
                "println 'provenance key configured'");
        HttpResponse<String> r = jenkins.post("scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
        assertThat(r.body()).contains("provenance key configured");
    }

    @AfterAll
    static void stop() throws Exception {
        if (jenkins != null) {
            jenkins.close();
        }
    }

    @Test
    void theArchivedProvenanceVerifiesCoversTheArtifactAndLinksTheEvidence() throws Exception {
        jenkins.createPipelineJob("provenance", Jenkinsfiles.load("provenance.Jenkinsfile"));
        RealJenkins.Build b = jenkins.build("provenance");
        assertThat(b.result()).as(b.console()).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("provenance: PASS 1 subject, signed with ECDSA_P256 key")
                .contains("by the controller").doesNotContain("BEGIN PRIVATE KEY");
        byte[] envelope = jenkins.get(b.path() + "artifact/pipeline-integrity/provenance.intoto.jsonl").body()
                .getBytes(StandardCharsets.UTF_8);
        var v = ProvenanceVerifier.verify(envelope, List.of(PublicKeys.fromPem(Files.readString(keys.resolve("p.pub")))));
        assertThat(v.covers(sha256("the service"))).isTrue();
        JsonNode predicate = v.predicate();
        assertThat(predicate.path("runDetails").path("builder").path("id").asText()).isEqualTo(jenkins.url().toString());
        assertThat(predicate.path("runDetails").path("metadata").path("invocationId").asText())
                .isEqualTo(jenkins.url() + b.path());
        JsonNode byproducts = predicate.path("runDetails").path("byproducts");
        assertThat(byproducts.toString()).contains(sha256("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}"));
        for (JsonNode by : byproducts) {
            String name = by.path("name").asText();
            if (name.startsWith("pipeline-integrity/results/")) {
                String evidence = jenkins.get(b.path() + "artifact/" + name).body();
                assertThat(sha256(evidence)).isEqualTo(by.path("digest").path("sha256").asText());
                assertThat(evidence).contains("\"check\" : \"secrets\"");
            }
        }
    }

    private static String sha256(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
