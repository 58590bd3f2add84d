package io.jenkins.plugins.integrity.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.Severity;
import org.junit.jupiter.api.Test;

/** CVSS v3 base scores of well-known vectors, as FIRST's calculator gives them, and their ratings. */
class CvssTest {
    @Test
    void baseScoresOfKnownVectors() {
        assertThat(Cvss.v3BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")).isEqualTo(10.0);
        assertThat(Cvss.v3BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).isEqualTo(9.8);
        assertThat(Cvss.v3BaseScore("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N")).isEqualTo(5.9);
        assertThat(Cvss.v3BaseScore("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H")).isEqualTo(7.8);
        assertThat(Cvss.v3BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L")).isEqualTo(5.3);
        assertThat(Cvss.v3BaseScore("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N")).isEqualTo(6.1);
        assertThat(Cvss.v3BaseScore("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H")).isEqualTo(9.9);
        assertThat(Cvss.v3BaseScore("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N")).isEqualTo(0.0);
        // temporal metrics after the base ones are allowed and do not change the base score
        assertThat(Cvss.v3BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O")).isEqualTo(9.8);
    }

    @Test
    void ratings() {
        assertThat(Cvss.rating(0)).isEqualTo(Severity.INFO);
        assertThat(Cvss.rating(0.1)).isEqualTo(Severity.LOW);
        assertThat(Cvss.rating(3.9)).isEqualTo(Severity.LOW);
        assertThat(Cvss.rating(4.0)).isEqualTo(Severity.MEDIUM);
        assertThat(Cvss.rating(6.9)).isEqualTo(Severity.MEDIUM);
        assertThat(Cvss.rating(7.0)).isEqualTo(Severity.HIGH);
        assertThat(Cvss.rating(8.9)).isEqualTo(Severity.HIGH);
        assertThat(Cvss.rating(9.0)).isEqualTo(Severity.CRITICAL);
        assertThat(Cvss.roundUp(4.02)).isEqualTo(4.1);
        assertThat(Cvss.roundUp(4.00000000001)).isEqualTo(4.0);
    }

    @Test
    void malformedVectorsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> Cvss.v3BaseScore("AV:N/AC:L/Au:N/C:P/I:P/A:P")).hasMessageContaining("not a CVSS v3");
        assertThatThrownBy(() -> Cvss.v3BaseScore("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                .hasMessageContaining("AV is 'X'");
        assertThatThrownBy(() -> Cvss.v3BaseScore("CVSS:3.1/AV:N/AV:N/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                .hasMessageContaining("repeated");
        assertThatThrownBy(() -> Cvss.v3BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H/E:P"))
                .hasMessageContaining("no S");
        assertThatThrownBy(() -> Cvss.v3BaseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
                .hasMessageContaining("not a CVSS v3");
    }
}
