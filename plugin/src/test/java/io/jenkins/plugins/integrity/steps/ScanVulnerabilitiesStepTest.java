package io.jenkins.plugins.integrity.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * scanVulnerabilities in a JenkinsRule controller: generateSbom's SBOM matched against the OSV data the
 * administrator configured (an osv.dev-style all.zip with Log4Shell's record), on the report page, failing the
 * build; a VEX document in the workspace suppresses it; missing data and data outside the workspace are refused.
 */
@WithJenkins
class ScanVulnerabilitiesStepTest {
    static final String LOG4SHELL = "{\"id\": \"GHSA-jfh8-c2jp-5v3q\", \"modified\": \"2024-03-15T16:52:01Z\","
            + " \"aliases\": [\"CVE-2021-44228\"], \"summary\": \"Remote code injection in Log4j\","
            + " \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\"}],"
            + " \"affected\": [{\"package\": {\"ecosystem\": \"Maven\", \"name\": \"org.apache.logging.log4j:log4j-core\"},"
            + " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"2.13.0\"}, {\"fixed\": \"2.15.0\"}]}]}]}";
    static final String POM = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
            + "<groupId>com.example</groupId><artifactId>app</artifactId><version>1.0</version><dependencies>"
            + "<dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId>"
            + "<version>2.14.1</version></dependency></dependencies></project>";

    @TempDir
    Path data;

    private void configure() throws Exception {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(data.resolve("all.zip")))) {
            out.putNextEntry(new ZipEntry("GHSA-jfh8-c2jp-5v3q.json"));
            out.write(LOG4SHELL.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        VulnerabilityConfiguration.get().setOsvData(data.resolve("all.zip").toString());
    }

    private static WorkflowRun run(JenkinsRule j, String name, String body, Result expected) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'pom.xml', text: '" + POM + "'\n"
                + "  generateSbom output: 'sbom/app.cdx.json'\n" + body + "\n}", true));
        return j.buildAndAssertStatus(expected, p);
    }

    @Test
    void log4ShellInTheBuildsSbomFailsTheBuildAndIsOnTheReport(JenkinsRule j) throws Exception {
        configure();
        WorkflowRun b = run(j, "app", "  scanVulnerabilities sbom: 'sbom/app.cdx.json', sbomOutput: 'sbom/app.vulns.cdx.json'",
                Result.FAILURE);
        j.assertLogContains("CVE-2021-44228", b);
        j.assertLogContains("vulnerabilities: FAIL - 1 vulnerability in 1 of 1 components", b);
        String page = j.createWebClient().getPage(b, "pipeline-integrity/").getWebResponse().getContentAsString();
        assertThat(page).contains("CVE-2021-44228").contains("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
                .contains("sbom/app.vulns.cdx.json");
        try (InputStream in = b.getArtifactManager().root().child("sbom/app.vulns.cdx.json").open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"vulnerabilities\"")
                    .contains("\"CVE-2021-44228\"");
        }
    }

    @Test
    void aVexDocumentInTheWorkspaceSuppressesIt(JenkinsRule j) throws Exception {
        configure();
        String vex = "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [{\"vulnerability\":"
                + " {\"name\": \"CVE-2021-44228\"}, \"products\": [{\"@id\":"
                + " \"pkg:maven/org.apache.logging.log4j/log4j-core\"}], \"status\": \"not_affected\","
                + " \"justification\": \"vulnerable_code_not_present\"}]}";
        WorkflowRun b = run(j, "triaged", "  writeFile file: 'app.openvex.json', text: '" + vex + "'\n"
                + "  def v = scanVulnerabilities vex: 'app.openvex.json'\n  echo \"vulns ${v.status} ${v.suppressed}\"",
                Result.SUCCESS);
        j.assertLogContains("SUPPRESSED by VEX (not_affected: vulnerable_code_not_present", b);
        j.assertLogContains("vulns PASS 1", b);
        // the team's version policy still stops it
        WorkflowRun denied = run(j, "denied", "  writeFile file: 'app.openvex.json', text: '" + vex + "'\n"
                + "  writeFile file: 'versions.yaml', text: 'endOfLife: [{package: \"pkg:maven/org.apache.logging.log4j/"
                + "log4j-core\", below: 2.17.1, reason: \"2.14 is out of support\"}]'\n"
                + "  scanVulnerabilities vex: 'app.openvex.json', versionPolicy: 'versions.yaml'", Result.FAILURE);
        j.assertLogContains("version-end-of-life", denied);
        j.assertLogContains("is an end-of-life version (below 2.17.1) (2.14 is out of support)", denied);
    }

    @Test
    void theSnippetGeneratorWritesTheStepsAsUsersDo(JenkinsRule j) throws Exception {
        ScanVulnerabilitiesStep step = new ScanVulnerabilitiesStep();
        assertThat(org.jenkinsci.plugins.workflow.cps.Snippetizer.object2Groovy(step)).isEqualTo("scanVulnerabilities()");
        step.setSbom(" sbom/app.cdx.json ");
        step.setVex("app.openvex.json");
        step.setFailOn("critical");
        assertThat(org.jenkinsci.plugins.workflow.cps.Snippetizer.object2Groovy(step)).isEqualTo(
                "scanVulnerabilities failOn: 'CRITICAL', sbom: 'sbom/app.cdx.json', vex: 'app.openvex.json'");
        RecordProvenanceStep provenance = new RecordProvenanceStep();
        provenance.setArtifacts("dist/*.jar");
        assertThat(org.jenkinsci.plugins.workflow.cps.Snippetizer.object2Groovy(provenance))
                .isEqualTo("recordProvenance artifacts: 'dist/*.jar'");
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setJavaScriptEnabled(false);
        String page = wc.getPage(j.createProject(WorkflowJob.class, "snippets"), "pipeline-syntax/").asXml();
        assertThat(page).contains("scanVulnerabilities: Match the build's SBOM against OSV vulnerability data")
                .contains("recordProvenance: Record the build's SLSA provenance");
    }

    @Test
    void noDataOrDataOutsideTheWorkspaceIsRefused(JenkinsRule j) throws Exception {
        WorkflowRun none = run(j, "none", "  scanVulnerabilities()", Result.FAILURE);
        j.assertLogContains("no OSV data: configure it in Manage Jenkins", none);
        WorkflowRun outside = run(j, "outside", "  scanVulnerabilities osv: '/etc'", Result.FAILURE);
        j.assertLogContains("osv names workspace paths", outside);
        WorkflowRun escape = run(j, "escape", "  scanVulnerabilities osv: '../../..'", Result.FAILURE);
        j.assertLogContains("is outside the workspace", escape);
    }
}
