package io.jenkins.plugins.integrity.report;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void rejectsTruncatedWrongTypeAndUnknownDocumentsNamingTheInput() {
        assertThatThrownBy(() -> Json.readResult("{\"check\":\"secrets\",\"status\":\"PA", "r.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("r.json: not a valid CheckResult document at line 1");
        assertThatThrownBy(() -> Json.readResult("[1,2]", "r.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("r.json: not a valid CheckResult");
        assertThatThrownBy(() -> Json.readResult("{\"check\":\"x\",\"status\":\"PASS\",\"summary\":\"s\",\"evil\":1}",
                "r.json")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Json.readResult("{\"check\":\"x\",\"status\":\"MAYBE\",\"summary\":\"s\"}", "r.json"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Json.readResult("{\"status\":\"PASS\",\"summary\":\"s\"}", "r.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("check");
        assertThatThrownBy(() -> Json.readResult("", "r.json")).isInstanceOf(InvalidInputException.class);
    }
}
