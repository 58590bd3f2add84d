package io.jenkins.plugins.integrity.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTest {
    private static Finding finding(Severity s) {
        return new Finding("r", s, "m", Location.ofFile("f"), "fp");
    }

    @Test
    void gateFailsAtThresholdWarnsBelowAndPassesOnlyWhenNothingWasFound() {
        Gate high = Gate.failOn(Severity.HIGH);
        assertThat(high.judge(List.of())).isEqualTo(Status.PASS);
        assertThat(high.judge(List.of(finding(Severity.MEDIUM)))).isEqualTo(Status.WARN);
        assertThat(high.judge(List.of(finding(Severity.HIGH)))).isEqualTo(Status.FAIL);
        assertThat(high.judge(List.of(finding(Severity.CRITICAL)))).isEqualTo(Status.FAIL);
        assertThat(Gate.NEVER.judge(List.of(finding(Severity.CRITICAL)))).isEqualTo(Status.WARN);
        assertThat(Gate.parse("none")).isEqualTo(Gate.NEVER);
        assertThat(Gate.parse(" high ")).isEqualTo(high);
        assertThatThrownBy(() -> Gate.parse("severe"))
                .hasMessage("unknown failOn 'severe' (expected NONE, INFO, LOW, MEDIUM, HIGH or CRITICAL)");
    }

    @Test
    void statusWorstRanksErrorAboveFail() {
        assertThat(Status.PASS.worst(Status.WARN)).isEqualTo(Status.WARN);
        assertThat(Status.ERROR.worst(Status.FAIL)).isEqualTo(Status.ERROR);
        assertThat(Status.FAIL.worst(Status.WARN)).isEqualTo(Status.FAIL);
    }

    @Test
    void severityParsesCaseInsensitivelyAndNamesTheChoicesOtherwise() {
        assertThat(Severity.parse("critical")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.HIGH.atLeast(Severity.MEDIUM)).isTrue();
        assertThat(Severity.LOW.atLeast(Severity.MEDIUM)).isFalse();
        assertThatThrownBy(() -> Severity.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkResultIsImmutableWhateverItWasGiven() {
        List<Finding> findings = new ArrayList<>(List.of(finding(Severity.LOW)));
        Map<String, Number> metrics = new HashMap<>(Map.of("n", 1));
        CheckResult r = new CheckResult("c", Status.WARN, "s", findings, metrics, null);
        findings.clear();
        metrics.clear();
        assertThat(r.findings()).hasSize(1);
        assertThat(r.metrics()).containsEntry("n", 1L);
        assertThat(r.subjects()).isEmpty();
        assertThatThrownBy(() -> r.findings().add(finding(Severity.HIGH)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.count(Severity.LOW)).isEqualTo(1);
    }

    @Test
    void locationsRejectNonsenseAndPrintAsFileLineColumn() {
        assertThat(new Location("a/b", 3, 4)).hasToString("a/b:3:4");
        assertThat(Location.ofFile("a/b")).hasToString("a/b");
        assertThatThrownBy(() -> new Location("", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Location("a", -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
