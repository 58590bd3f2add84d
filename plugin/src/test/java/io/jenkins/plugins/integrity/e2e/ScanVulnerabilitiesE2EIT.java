package io.jenkins.plugins.integrity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scanVulnerabilities in a stock Jenkins with our packaged .hpi: the administrator names the OSV mirror (an
 * osv.dev-style all.zip per ecosystem) in the global configuration, through the script console as an automation
 * would; a declarative Jenkinsfile's SBOM is matched, an advisory is triaged by the team's OpenVEX document, and
 * Log4Shell stops the pipeline, on the report page, in its JSON API and in the archived SBOM.
 */
class ScanVulnerabilitiesE2EIT {
    @TempDir
    static Path osv;
    private static RealJenkins jenkins;

    private static void export(String ecosystem, String id, String record) throws Exception {
        Path dir = Files.createDirectories(osv.resolve(ecosystem));
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(dir.resolve("all.zip")))) {
            out.putNextEntry(new ZipEntry(id + ".json"));
            out.write(record.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    @BeforeAll
    static void boot() throws Exception {
        export("Maven", "GHSA-jfh8-c2jp-5v3q", "{\"id\": \"GHSA-jfh8-c2jp-5v3q\", \"modified\": \"2024-03-15T16:52:01Z\","
                + " \"aliases\": [\"CVE-2021-44228\"], \"summary\": \"Remote code injection in Log4j\","
                + " \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\"}],"
                + " \"affected\": [{\"package\": {\"ecosystem\": \"Maven\", \"name\": \"org.apache.logging.log4j:log4j-core\"},"
                + " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"2.13.0\"}, {\"fixed\": \"2.15.0\"}]}]}]}");
        export("npm", "GHSA-c2qf-rxjj-qqgw", "{\"id\": \"GHSA-c2qf-rxjj-qqgw\", \"modified\": \"2023-11-13T22:45:18Z\","
                + " \"aliases\": [\"CVE-2022-25883\"], \"summary\": \"semver vulnerable to Regular Expression Denial of"
                + " Service\", \"severity\": [{\"type\": \"CVSS_V3\", \"score\":"
                + " \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H\"}],"
                + " \"affected\": [{\"package\": {\"ecosystem\": \"npm\", \"name\": \"semver\"},"
                + " \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"7.0.0\"}, {\"fixed\": \"7.5.2\"}]}]}]}");
        jenkins = RealJenkins.start();
        String script = String.join("\n",
                "def c = io.jenkins.plugins.integrity.steps.VulnerabilityConfiguration.get()",
                "c.osvData = '" + osv.resolve("Maven/all.zip") + ", " + osv.resolve("npm") + "'",
                "println 'osv data: ' + c.osvData");
        HttpResponse<String> r = jenkins.post("scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
        assertThat(r.body()).contains("osv data: " + osv.resolve("Maven/all.zip"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (jenkins != null) {
            jenkins.close();
        }
    }

    @Test
    void log4ShellStopsTheDeploymentAndTheTriagedAdvisoryStaysVisibleAsSuppressed() throws Exception {
        jenkins.createPipelineJob("service-vulns", Jenkinsfiles.load("vulnerabilities.Jenkinsfile"));
        RealJenkins.Build b = jenkins.build("service-vulns");
        assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
        assertThat(b.console()).contains("CRITICAL").contains("CVE-2021-44228").contains("fixed in 2.15.0")
                .contains("SUPPRESSED by VEX (not_affected: vulnerable_code_not_in_execute_path")
                .contains("vulnerabilities: FAIL - 2 vulnerabilities in 2 of 2 components, 1 suppressed by VEX")
                .doesNotContain("DEPLOYED: must never be reached");
        JsonNode api = jenkins.getJson(b.path() + "pipeline-integrity/api/json");
        assertThat(api.path("status").asText()).isEqualTo("FAIL");
        JsonNode vulns = null;
        for (JsonNode r : api.path("results")) {
            if (r.path("check").asText().equals("vulnerabilities")) {
                vulns = r;
            }
        }
        assertThat(vulns).isNotNull();
        assertThat(vulns.path("findings").toString()).contains("\"rule\":\"CVE-2021-44228\"")
                .contains("\"rule\":\"CVE-2022-25883\"");
        String page = jenkins.get(b.path() + "pipeline-integrity/").body();
        assertThat(page).contains("CVE-2021-44228").contains("SUPPRESSED by VEX");
        String bom = jenkins.get(b.path() + "artifact/sbom/service.vulns.cdx.json").body();
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(bom.getBytes(StandardCharsets.UTF_8),
                org.cyclonedx.Version.VERSION_16)).isEmpty();
        assertThat(bom).contains("\"CVE-2021-44228\"").contains("\"not_affected\"");
    }
}
