package io.jenkins.plugins.integrity.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.jenkins.plugins.integrity.oci.Tools;
import io.jenkins.plugins.integrity.signing.Dsse;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SLSA provenance v1 in an in-toto Statement v1: valid against both schemas (written from the specs), signed as
 * DSSE with an openssl key, and refused when unsigned, signed by another key, tampered, or of another type.
 */
class BuildProvenanceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static SigningKey key;
    static PublicKey pub;
    static PublicKey other;

    @BeforeAll
    static void keys() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        Tools.run(dir, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "k.pub");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "o.pem");
        Tools.run(dir, "openssl", "pkey", "-in", "o.pem", "-pubout", "-out", "o.pub");
        key = SigningKey.fromPem(Files.readString(dir.resolve("k.pem")), null);
        pub = PublicKeys.fromPem(Files.readString(dir.resolve("k.pub")));
        other = PublicKeys.fromPem(Files.readString(dir.resolve("o.pub")));
    }

    static BuildProvenance provenance() {
        ObjectNode external = JSON.createObjectNode().put("job", "team/app").put("buildNumber", 42);
        external.putObject("source").put("uri", "git+https://git.example.com/team/app.git@refs/heads/main")
                .put("scriptPath", "Jenkinsfile");
        return new BuildProvenance(List.of(ResourceDescriptor.file("dist/app-1.0.jar", "a".repeat(64)),
                new ResourceDescriptor("registry.example.com/team/app", null, Map.of("sha256", "b".repeat(64)), null)),
                BuildProvenance.JENKINS_PIPELINE, external, JSON.createObjectNode().put("agent", "linux-1"),
                List.of(new ResourceDescriptor(null, "git+https://git.example.com/team/app.git@refs/heads/main",
                        Map.of("gitCommit", "c".repeat(40)), null)),
                "https://jenkins.example.com/", Map.of("jenkins", "2.516.2", "pipeline-integrity", "0.1.0"),
                "https://jenkins.example.com/job/team/job/app/42/", Instant.parse("2026-12-01T10:00:00.123Z"),
                Instant.parse("2026-12-01T10:05:00Z"), List.of(new ResourceDescriptor("bom.cdx.json", null,
                        Map.of("sha256", "d".repeat(64)), "application/vnd.cyclonedx+json")));
    }

    static JsonSchema schema(String name) throws Exception {
        try (InputStream in = BuildProvenanceTest.class.getResourceAsStream(name)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    @Test
    void theStatementAndItsPredicateValidateAgainstTheInTotoAndSlsaSchemas() throws Exception {
        JsonNode statement = JSON.readTree(provenance().statement());
        assertThat(schema("in-toto-statement-v1.schema.json").validate(statement)).isEmpty();
        assertThat(schema("slsa-provenance-v1.schema.json").validate(statement.path("predicate"))).isEmpty();
        assertThat(statement.path("predicate").path("runDetails").path("metadata").path("startedOn").asText())
                .isEqualTo("2026-12-01T10:00:00Z");
        // the schemas do refuse what is not provenance
        ObjectNode broken = (ObjectNode) statement.deepCopy();
        ((ObjectNode) broken.path("predicate").path("runDetails")).remove("builder");
        ((ObjectNode) broken.path("subject").get(0)).remove("digest");
        assertThat(schema("in-toto-statement-v1.schema.json").validate(broken)).isNotEmpty();
        assertThat(schema("slsa-provenance-v1.schema.json").validate(broken.path("predicate"))).isNotEmpty();
    }

    @Test
    void signedProvenanceVerifiesAndCoversItsSubjectsOnly() throws Exception {
        byte[] env = Dsse.sign(Dsse.IN_TOTO, provenance().statement(), key).toJson().getBytes(StandardCharsets.UTF_8);
        ProvenanceVerifier.Verified v = ProvenanceVerifier.verify(env, List.of(other, pub));
        assertThat(v.covers("a".repeat(64))).isTrue();
        assertThat(v.covers("e".repeat(64))).isFalse();
        assertThat(v.predicate().path("runDetails").path("builder").path("id").asText())
                .isEqualTo("https://jenkins.example.com/");
    }

    @Test
    void unsignedOtherKeyTamperedAndOtherTypesAreRefused() throws Exception {
        byte[] statement = provenance().statement();
        Dsse.Envelope env = Dsse.sign(Dsse.IN_TOTO, statement, key);
        assertThatThrownBy(() -> ProvenanceVerifier.verify(env.toJson().getBytes(StandardCharsets.UTF_8), List.of(other)))
                .hasMessageContaining("no trusted key verifies");
        assertThatThrownBy(() -> ProvenanceVerifier.verify(env.toJson().getBytes(StandardCharsets.UTF_8), List.of()))
                .hasMessageContaining("no trusted key was given");
        assertThatThrownBy(() -> ProvenanceVerifier.verify(statement, List.of(pub))).hasMessageContaining("not a DSSE");
        byte[] stripped = new Dsse.Envelope(Dsse.IN_TOTO, statement, List.of()).toJson().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ProvenanceVerifier.verify(stripped, List.of(pub)))
                .hasMessageContaining("the DSSE envelope has no signature");
        byte[] tampered = new String(statement, StandardCharsets.UTF_8).replace("a".repeat(64), "f".repeat(64))
                .getBytes(StandardCharsets.UTF_8);
        byte[] forged = new Dsse.Envelope(Dsse.IN_TOTO, tampered, env.signatures()).toJson()
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ProvenanceVerifier.verify(forged, List.of(pub))).hasMessageContaining("no trusted key");
        byte[] sbom = Dsse.sign(Dsse.IN_TOTO, new String(statement, StandardCharsets.UTF_8)
                .replace("https://slsa.dev/provenance/v1", "https://cyclonedx.org/bom").getBytes(StandardCharsets.UTF_8),
                key).toJson().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ProvenanceVerifier.verify(sbom, List.of(pub))).hasMessageContaining("not SLSA provenance");
    }

    @Test
    void provenanceWithoutSubjectsDigestsOrBuilderIsNotMade() {
        assertThatThrownBy(() -> new BuildProvenance(List.of(), "https://x", JSON.createObjectNode(), null, List.of(),
                "https://b", null, null, null, null, List.of())).hasMessageContaining("at least one subject");
        assertThatThrownBy(() -> new BuildProvenance(List.of(new ResourceDescriptor("x", null, null, null)), "https://x",
                JSON.createObjectNode(), null, List.of(), "https://b", null, null, null, null, List.of()))
                .hasMessageContaining("digest");
        assertThatThrownBy(() -> new BuildProvenance(List.of(ResourceDescriptor.file("x", "a".repeat(64))), "",
                JSON.createObjectNode(), null, List.of(), "https://b", null, null, null, null, List.of()))
                .hasMessageContaining("build type");
    }
}
