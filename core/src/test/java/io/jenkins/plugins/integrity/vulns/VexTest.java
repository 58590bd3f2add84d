package io.jenkins.plugins.integrity.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.sbom.Component;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Triage by VEX: a CycloneDX VEX or OpenVEX statement of not_affected (by the CVE or its GHSA alias) suppresses
 * the finding, which stays in the report as suppressed and no longer fails the gate; a statement for another
 * product, or one that says affected, leaves it standing; the SBOM written back carries the analysis and
 * validates against CycloneDX 1.6.
 */
class VexTest {
    static VulnerabilityDatabase db;
    static final Component LOG4J = VulnerabilityScannerTest.maven("2.14.1");

    @BeforeAll
    static void database() {
        db = VulnerabilityDatabase.of(List.of(
                OsvParser.parse(VulnerabilityScannerTest.LOG4SHELL.getBytes(StandardCharsets.UTF_8), "ghsa.json")));
    }

    static List<VexStatement> vex(String doc) {
        return VexReader.read(doc.getBytes(StandardCharsets.UTF_8), "vex.json");
    }

    static VulnerabilityScanner.Scan scan(List<VexStatement> vex) {
        return new VulnerabilityScanner(db, vex).scan(List.of(LOG4J), "app", Gate.failOn(Severity.HIGH));
    }

    @Test
    void cycloneDxVexNotAffectedSuppressesAndKeepsTheFindingVisible() {
        var statements = vex("""
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "vulnerabilities": [
                  {"id": "CVE-2021-44228", "analysis": {"state": "not_affected", "justification": "code_not_reachable",
                   "detail": "JNDI lookups are disabled by log4j2.formatMsgNoLookups"},
                   "affects": [{"ref": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]}]}""");
        var scan = scan(statements);
        assertThat(scan.result().status()).isEqualTo(Status.PASS);
        assertThat(scan.result().findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("CVE-2021-44228");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).startsWith("SUPPRESSED by VEX (not_affected: code_not_reachable; JNDI lookups")
                    .contains("vex.json").contains("was CRITICAL");
        });
        assertThat(scan.result().metrics()).containsEntry("suppressed", 1L);
        assertThat(scan.result().summary()).contains("1 suppressed by VEX");
    }

    @Test
    void openVexByTheGhsaAliasAndByAVersionlessProductSuppresses() {
        var statements = vex("""
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "Security",
                 "timestamp": "2024-01-01T00:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "GHSA-jfh8-c2jp-5v3q"},
                   "products": [{"@id": "pkg:oci/app", "subcomponents": [
                       {"@id": "pkg:maven/org.apache.logging.log4j/log4j-core"}]}],
                   "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}""");
        assertThat(scan(statements).matches().get(0).suppressed()).isTrue();
        // the earlier OpenVEX form: the vulnerability as a string, products as package URLs
        var old = vex("""
                {"@context": "https://openvex.dev/ns", "statements": [{"vulnerability": "CVE-2021-44228",
                   "products": ["pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"], "status": "fixed"}]}""");
        assertThat(scan(old).matches().get(0).suppressed()).isTrue();
    }

    @Test
    void anotherProductOrAnAffectedStatementLeavesTheFindingStanding() {
        var other = vex("""
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2021-44228"},
                   "products": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1"}],
                   "status": "not_affected"}]}""");
        assertThat(scan(other).result().status()).isEqualTo(Status.FAIL);
        var affected = vex("""
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2021-44228"},
                   "products": [], "status": "affected", "action_statement": "upgrade by Friday"}]}""");
        var scan = scan(affected);
        assertThat(scan.result().status()).isEqualTo(Status.FAIL);
        assertThat(scan.result().findings().get(0).message()).contains("VEX: affected; upgrade by Friday");
    }

    @Test
    void whatIsNotVexIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> vex("{\"spdxVersion\": \"SPDX-2.3\"}")).hasMessageContaining("vex.json")
                .hasMessageContaining("neither a CycloneDX VEX nor an OpenVEX");
        assertThatThrownBy(() -> vex("{\"bomFormat\": \"CycloneDX\", \"vulnerabilities\": [{\"id\": \"X\","
                + " \"analysis\": {\"state\": \"maybe\"}}]}")).hasMessageContaining("'maybe' is not CycloneDX's");
        assertThatThrownBy(() -> vex("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [{\"status\":"
                + " \"fixed\"}]}")).hasMessageContaining("without a vulnerability");
        assertThatThrownBy(() -> vex("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [{\"vulnerability\":"
                + " \"X\", \"status\": \"gone\"}]}")).hasMessageContaining("'gone' is not OpenVEX's");
        assertThatThrownBy(() -> vex("not json")).hasMessageContaining("not JSON");
    }

    @Test
    void theSbomWrittenBackHasAValidVulnerabilitiesSection() throws Exception {
        String sbom = """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [
                  {"type": "library", "group": "org.apache.logging.log4j", "name": "log4j-core", "version": "2.14.1",
                   "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]}""";
        var statements = vex("""
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [{"id": "CVE-2021-44228",
                  "analysis": {"state": "in_triage", "detail": "looking"}}]}""");
        var matches = scan(statements).matches();
        String json = VulnerabilityBom.json(sbom.getBytes(StandardCharsets.UTF_8), "bom.json", matches);
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(json.getBytes(StandardCharsets.UTF_8),
                org.cyclonedx.Version.VERSION_16)).isEmpty();
        JsonNode v = new ObjectMapper().readTree(json).path("vulnerabilities").get(0);
        assertThat(v.path("id").asText()).isEqualTo("CVE-2021-44228");
        assertThat(v.path("source").path("name").asText()).isEqualTo("OSV");
        assertThat(v.path("references").get(0).path("id").asText()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
        assertThat(v.path("ratings").get(0).path("score").asDouble()).isEqualTo(10.0);
        assertThat(v.path("ratings").get(0).path("severity").asText()).isEqualTo("critical");
        assertThat(v.path("ratings").get(0).path("method").asText()).isEqualTo("CVSSv31");
        assertThat(v.path("recommendation").asText()).contains("2.15.0");
        assertThat(v.path("affects").get(0).path("ref").asText())
                .isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        assertThat(new ObjectMapper().readTree(json).path("components").get(0).path("bom-ref").asText())
                .isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        assertThat(v.path("analysis").path("state").asText()).isEqualTo("in_triage");
    }
}
