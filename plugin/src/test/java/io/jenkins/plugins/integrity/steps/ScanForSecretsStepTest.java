package io.jenkins.plugins.integrity.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Status;
import net.sf.json.JSONObject;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ScanForSecretsStepTest {
    /** Groovy that builds an AWS-key-shaped value at run time, and that value, so neither stands in a source. */
    private static final String KEY_GROOVY = "'AKIA' + 'Q3EGRKGZ4UDX' + 'XQ7T'";
    private static final String KEY = "AKIA" + "Q3EGRKGZ4UDX" + "XQ7T";
    private static final String PLANT = "writeFile file: 'conf/app.properties', text: 'aws.key=' + " + KEY_GROOVY + "\n";

    private static WorkflowRun run(JenkinsRule j, String name, String script, Result expected) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(expected, p);
    }

    @Test
    void failsTheBuildOnAPlantedKeyAndNeverLogsIt(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "planted", "node {\n" + PLANT + "scanForSecrets failOn: 'HIGH'\n}", Result.FAILURE);
        j.assertLogContains("CRITICAL aws-access-key-id", b);
        j.assertLogContains("conf/app.properties:1:9", b);
        j.assertLogContains("scanForSecrets: FAIL - 1 secret found in 1 file (1 CRITICAL)", b);
        j.assertLogNotContains(KEY, b);

        IntegrityReportAction action = b.getAction(IntegrityReportAction.class);
        assertThat(action.getResults()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.findings()).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("aws-access-key-id");
                assertThat(f.location().file()).isEqualTo("conf/app.properties");
            });
        });

        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setJavaScriptEnabled(false);
        HtmlPage page = wc.getPage(b, "pipeline-integrity/");
        assertThat(page.asNormalizedText()).contains("aws-access-key-id").contains("conf/app.properties:1:9")
                .doesNotContain(KEY);
        JSONObject api = j.getJSON(b.getUrl() + "pipeline-integrity/api/json").getJSONObject();
        assertThat(api.getString("status")).isEqualTo("FAIL");
        JSONObject finding = api.getJSONArray("results").getJSONObject(0).getJSONArray("findings").getJSONObject(0);
        assertThat(finding.getString("rule")).isEqualTo("aws-access-key-id");
        assertThat(finding.getJSONObject("location").getInt("line")).isEqualTo(1);
        assertThat(api.toString()).doesNotContain(KEY);
        assertThat(j.createWebClient().getPage(b).asNormalizedText()).contains("Integrity Report: FAIL");

        // the console line and the report page link the location to the file in the node's workspace
        String console = wc.getPage(b, "console").getWebResponse().getContentAsString();
        java.util.regex.Matcher link = java.util.regex.Pattern
                .compile("<a class='pipeline-integrity-finding' href='(execution/node/\\d+/ws/conf/app\\.properties)'>"
                        + "conf/app\\.properties:1:9</a>").matcher(console);
        assertThat(link.find()).as(console).isTrue();
        assertThat(page.getWebResponse().getContentAsString()).contains("href=\"../" + link.group(1) + "\"");
        wc.setThrowExceptionOnFailingStatusCode(true);
        // the workspace browser serves the file itself (not HTML), so no content type is expected
        assertThat(wc.goTo(b.getUrl() + link.group(1), null).getWebResponse().getStatusCode()).isEqualTo(200);
    }

    @Test
    void cleanWorkspacePassesAndReturnsAMapToTheScript(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "clean", """
                node {
                  writeFile file: 'README.md', text: 'nothing to see'
                  def r = scanForSecrets()
                  echo "status=${r.status} count=${r.findingCount} summary=${r.summary}"
                }""", Result.SUCCESS);
        j.assertLogContains("status=PASS count=0 summary=no secrets found in 1 file", b);
    }

    @Test
    void failOnNoneReportsWithoutFailingSoTheScriptDecides(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "report-only", "node {\n" + PLANT + """
                  def r = scanForSecrets failOn: 'NONE'
                  echo "status=${r.status} critical=${r.counts.CRITICAL} rule=${r.findings[0].rule} at=${r.findings[0].file}:${r.findings[0].line}"
                }""", Result.SUCCESS);
        j.assertLogContains("status=WARN critical=1 rule=aws-access-key-id at=conf/app.properties:1", b);
        j.assertLogNotContains(KEY, b);
    }

    @Test
    void findingBelowTheThresholdWarnsAndKeepsTheBuildGreen(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "below", """
                node {
                  writeFile file: 'app.yml', text: 'password: ' + 'Zq8vN2kL' + 'p4Xw9Rt' + '\\n'
                  def r = scanForSecrets failOn: 'CRITICAL'
                  echo "status=${r.status}"
                }""", Result.SUCCESS);
        j.assertLogContains("status=WARN", b);
    }

    @Test
    void writesASarifReportIntoTheWorkspace(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "sarif", "node {\n" + PLANT + """
                  def r = scanForSecrets failOn: 'NONE', format: 'sarif'
                  echo "report=${r.reportFile}"
                }""", Result.SUCCESS);
        j.assertLogContains("report=pipeline-integrity/secrets.sarif", b);
        FilePath sarif = j.jenkins.getWorkspaceFor(b.getParent()).child("pipeline-integrity/secrets.sarif");
        assertThat(sarif.readToString()).contains("\"ruleId\" : \"aws-access-key-id\"").doesNotContain(KEY);
    }

    @Test
    void includesExcludesAndPathNarrowTheScan(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "narrow", "node {\n" + PLANT + """
                  writeFile file: 'docs/ok.txt', text: 'fine'
                  echo "excluded=${scanForSecrets(excludes: 'conf/').status}"
                  echo "included=${scanForSecrets(includes: '**/*.txt').status}"
                  echo "path=${scanForSecrets(path: 'docs').status}"
                }""", Result.SUCCESS);
        j.assertLogContains("excluded=PASS", b);
        j.assertLogContains("included=PASS", b);
        j.assertLogContains("path=PASS", b);
        assertThat(b.getAction(IntegrityReportAction.class).getResults()).extracting(CheckResult::status)
                .containsExactly(Status.PASS, Status.PASS, Status.PASS);
    }

    @Test
    void aBaselineWrittenByAnEarlierScanLeavesOnlyNewFindings(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "baseline", "node {\n" + PLANT + """
                  scanForSecrets failOn: 'NONE', format: 'json'
                  writeFile file: 'accepted.json', text: readFile('pipeline-integrity/secrets.json')
                  def r = scanForSecrets baseline: 'accepted.json', excludes: 'pipeline-integrity/, accepted.json'
                  echo "status=${r.status} summary=${r.summary}"
                }""", Result.SUCCESS);
        j.assertLogContains("status=PASS summary=no secrets found in 1 file; 1 in the baseline", b);
    }

    @Test
    void aGitleaksConfigInTheWorkspaceAddsRules(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "config", """
                node {
                  writeFile file: '.gitleaks.toml', text: '[extend]\\nuseDefault = true\\n[[rules]]\\nid = "acme-key"\\nregex = \\'acme_[a-z0-9]{20}\\'\\nkeywords = ["acme_"]\\n'
                  writeFile file: 'deploy.env', text: 'K=' + 'acme_' + 'k3j5h7g9f1d3s5a7q9w1'
                  def r = scanForSecrets config: '.gitleaks.toml', failOn: 'NONE'
                  echo "rule=${r.findings[0].rule}"
                }""", Result.SUCCESS);
        j.assertLogContains("rule=acme-key", b);
        j.assertLogNotContains("k3j5h7g9f1d3s5a7q9w1", b);
    }

    @Test
    void historyFindsASecretRemovedFromTheCheckout(JenkinsRule j) throws Exception {
        String git = "git -c user.name=ci -c user.email=ci@corp.local -c commit.gpgsign=false";
        WorkflowRun b = run(j, "history", "node {\n" + PLANT
                + "  sh \"\"\"\n"
                + "    git init -q . && " + git + " add -A && " + git + " commit -q -m leak\n"
                + "    echo 'aws.key=\\${AWS_KEY}' > conf/app.properties && " + git + " commit -q -am fix\n"
                + "  \"\"\"\n"
                + "  echo \"files=${scanForSecrets(failOn: 'NONE').status}\"\n"
                + "  def r = scanForSecrets history: true, failOn: 'NONE'\n"
                + "  echo \"history=${r.status} rule=${r.findings[0].rule} summary=${r.summary}\"\n"
                + "}", Result.SUCCESS);
        j.assertLogContains("files=PASS", b);
        j.assertLogContains("history=WARN rule=aws-access-key-id summary=1 secret found in 2 blobs of the git history", b);
        j.assertLogNotContains(KEY, b);
    }

    @Test
    void aPathOutsideTheWorkspaceIsRefusedAndFailsTheBuild(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "escape", "node { scanForSecrets path: '../../..' }", Result.FAILURE);
        j.assertLogContains("../../..: is outside the workspace", b);
        j.assertLogContains("scanForSecrets: ERROR", b);
    }

    @Test
    void aMissingPathFailsTheBuildRatherThanPassing(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "missing", "node { scanForSecrets path: 'nope' }", Result.FAILURE);
        j.assertLogContains("nope: no such file or directory", b);
    }

    @Test
    void anUnknownFailOnIsRejected(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "bad-failon", "node { scanForSecrets failOn: 'SEVERE' }", Result.FAILURE);
        j.assertLogContains("unknown failOn 'SEVERE'", b);
    }

    @Test
    void snippetGeneratorWritesTheStepWithItsNonDefaultParameters(JenkinsRule j) throws Exception {
        ScanForSecretsStep step = new ScanForSecretsStep();
        assertThat(Snippetizer.object2Groovy(step)).isEqualTo("scanForSecrets()");
        step.setFailOn("high");
        step.setExcludes(" node_modules/ ");
        step.setFormat("SARIF");
        assertThat(Snippetizer.object2Groovy(step))
                .isEqualTo("scanForSecrets excludes: 'node_modules/', failOn: 'HIGH', format: 'sarif'");

        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setJavaScriptEnabled(false);
        WorkflowJob p = j.createProject(WorkflowJob.class, "snippets");
        String page = wc.getPage(p, "pipeline-syntax/").asXml();
        assertThat(page).contains("scanForSecrets: Scan the workspace for leaked credentials");
    }
}
