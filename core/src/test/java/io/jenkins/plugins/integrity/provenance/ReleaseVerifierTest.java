package io.jenkins.plugins.integrity.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evidence a policy reads stays inside its folder; files are named relative to the workspace. */
class ReleaseVerifierTest {
    @TempDir
    Path dir;

    @Test
    void evidenceIsReadOnlyFromInsideItsFolder() throws Exception {
        Path evidence = Files.createDirectories(dir.resolve("archive/pipeline-integrity/results"));
        Files.writeString(evidence.resolve("secrets-1.json"), "{}");
        Path outside = Files.writeString(dir.resolve("outside.json"), "{\"forged\": true}");
        Files.createSymbolicLink(evidence.resolve("secrets-2.json"), outside);
        var read = ReleaseVerifier.evidenceIn(dir.resolve("archive"));
        assertThat(read.apply("pipeline-integrity/results/secrets-1.json")).asString(StandardCharsets.UTF_8)
                .isEqualTo("{}");
        assertThat(read.apply("../outside.json")).isNull();
        assertThat(read.apply(outside.toString())).isNull();
        assertThat(read.apply("pipeline-integrity/results/secrets-2.json")).as("a link out of the folder").isNull();
        assertThat(read.apply("pipeline-integrity/results")).as("a folder").isNull();
        assertThat(read.apply("")).isNull();
        assertThat(ReleaseVerifier.evidenceIn(null).apply("pipeline-integrity/results/secrets-1.json")).isNull();
    }

    @Test
    void aFileWithoutProvenanceFailsTheProvenanceRuleNamedRelativeToTheWorkspace() throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("dist")).resolve("app.jar"), "x");
        ReleasePolicy policy = ReleasePolicy.parse("builders: [https://jenkins.example.com/]".getBytes(
                StandardCharsets.UTF_8));
        List<CheckResult> r = new ReleaseVerifier(policy, List.of(), List.of(), ReleaseVerifier.evidenceIn(null),
                Gate.failOn(Severity.HIGH)).files(List.of(file), dir, null, "provenance");
        assertThat(r).hasSize(1);
        assertThat(r.get(0).status().name()).isEqualTo("FAIL");
        assertThat(r.get(0).findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("policy-provenance");
            assertThat(f.message()).isEqualTo("FAILS: no provenance that verifies: no provenance was given");
        });
        assertThat(r.get(0).summary()).startsWith("dist/app.jar: 0 of 1 policy rules hold");
        // provenance that is not an envelope names the file it came from
        List<CheckResult> bad = new ReleaseVerifier(policy, List.of(), List.of(), ReleaseVerifier.evidenceIn(null),
                Gate.failOn(Severity.HIGH)).files(List.of(file), dir, "[]".getBytes(StandardCharsets.UTF_8), "p.jsonl");
        assertThat(bad.get(0).findings().get(0).message()).startsWith("FAILS: no provenance that verifies: p.jsonl: not a"
                + " DSSE envelope");
    }
}
