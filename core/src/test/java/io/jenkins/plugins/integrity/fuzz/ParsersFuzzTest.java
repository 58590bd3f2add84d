package io.jenkins.plugins.integrity.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.secrets.Baseline;
import io.jenkins.plugins.integrity.secrets.GitleaksConfigReader;
import io.jenkins.plugins.integrity.secrets.RuleSet;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz tests of every parser of untrusted input: whatever the bytes, a parser returns a value or throws an
 * {@link InvalidInputException} naming the input, nothing else. In a normal build (`mvn verify`) Jazzer runs
 * the seeds in src/test/resources/.../ParsersFuzzTestInputs as regression tests; `JAZZER_FUZZ=1 mvn test
 * -Dtest=ParsersFuzzTest` fuzzes.
 */
class ParsersFuzzTest {
    private static final SecretScanner SCANNER = new SecretScanner(RuleSet.builtIn());

    @FuzzTest(maxDuration = "30s")
    void gitleaksConfig(byte[] input) {
        try {
            GitleaksConfigReader.read(new String(input, StandardCharsets.UTF_8), "fuzz.toml");
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith("fuzz.toml: ");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void baseline(byte[] input) throws Exception {
        Path file = Files.createTempFile("baseline", ".txt");
        try {
            Files.write(file, input);
            Baseline.read(file);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith(file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void checkResultJson(byte[] input) {
        try {
            Json.readResult(new String(input, StandardCharsets.UTF_8), "fuzz.json");
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith("fuzz.json: ");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void scannedText(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (Finding f : SCANNER.findingsIn("fuzz/Jenkinsfile", text)) {
            assertThat(f.location().line()).isPositive();
            assertThat(f.location().column()).isPositive();
            assertThat(f.fingerprint()).hasSize(24);
        }
    }
}
