package io.jenkins.plugins.integrity.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.sbom.CycloneDxReader;

/**
 * Fuzz tests of the vulnerability matcher's parsers of untrusted input: an OSV record, a VEX document and an SBOM
 * are read or refused with an InvalidInputException naming them; every ecosystem's version order either compares
 * two strings, antisymmetrically, or refuses one with IllegalArgumentException; nothing else escapes.
 * `mvn verify` runs the seeds in src/test/resources/.../VulnsParsersFuzzTestInputs;
 * `JAZZER_FUZZ=1 mvn test -Dtest=VulnsParsersFuzzTest` fuzzes.
 */
class VulnsParsersFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void osvRecord(byte[] input) {
        try {
            OsvRecord r = OsvParser.parse(input, "fuzz.json");
            assertThat(r.id()).isNotBlank();
            for (OsvRecord.Affected a : r.affected()) {
                Ecosystem e = Ecosystem.ofOsv(a.ecosystem());
                if (e != null) {
                    AffectedVersions.check(a, "1.0.0", e.versions());
                }
            }
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).contains("fuzz.json");
        }
    }

    @FuzzTest(maxDuration = "60s")
    void vex(byte[] input) {
        try {
            for (VexStatement s : VexReader.read(input, "fuzz.vex")) {
                assertThat(s.vulnerability()).isNotEmpty();
                assertThat(s.state()).isNotNull();
            }
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).contains("fuzz.vex");
        }
    }

    @FuzzTest(maxDuration = "60s")
    void cycloneDx(byte[] input) {
        try {
            CycloneDxReader.read(input, "fuzz.cdx").components().forEach(c -> assertThat(c.name()).isNotBlank());
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).contains("fuzz.cdx");
        }
    }

    @FuzzTest(maxDuration = "60s")
    void versions(FuzzedDataProvider data) {
        String a = data.consumeString(64);
        String b = data.consumeRemainingAsString();
        for (Ecosystem e : Ecosystem.values()) {
            VersionComparator order = e.versions();
            int ab;
            try {
                ab = Integer.signum(order.compare(a, b));
            } catch (IllegalArgumentException ex) {
                assertThat(order.valid(a) && order.valid(b)).as(e + ": refused %s vs %s", a, b).isFalse();
                continue;
            }
            assertThat(Integer.signum(order.compare(b, a))).as(e + ": %s vs %s", a, b).isEqualTo(-ab);
        }
    }
}
