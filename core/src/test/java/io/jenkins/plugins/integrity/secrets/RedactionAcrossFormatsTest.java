package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plants a secret of every rule in a tree and proves that no output format carries any of them. */
class RedactionAcrossFormatsTest {
    @TempDir Path dir;

    @Test
    void noOutputFormatContainsAPlantedValue() throws IOException {
        List<RuleSamples.Sample> planted = RuleSamples.all().stream().filter(RuleSamples.Sample::secret).toList();
        int i = 0;
        for (RuleSamples.Sample s : planted) {
            Path file = dir.resolve("case" + (i++)).resolve(s.file());
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.text());
        }
        CheckResult result = new SecretScanner(RuleSet.builtIn()).scan(ScanRequest.of(List.of(dir), dir));
        assertThat(result.findings()).hasSize(planted.size());
        Report report = Report.of(List.of(result));
        for (Format format : Format.values()) {
            String out = format.renderer().render(report) + format.renderer().render(result);
            for (RuleSamples.Sample s : planted) {
                assertThat(out).as(format + " output for " + s.rule()).doesNotContain(s.value());
                // nor a recognisable part of it
                String middle = s.value().substring(s.value().length() / 2 - 4, s.value().length() / 2 + 4);
                assertThat(out).as(format + " output for " + s.rule()).doesNotContain(middle);
            }
        }
    }
}
