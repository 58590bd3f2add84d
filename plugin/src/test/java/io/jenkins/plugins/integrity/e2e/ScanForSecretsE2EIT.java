package io.jenkins.plugins.integrity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin as a user installs it: the packaged .hpi in a stock Jenkins 2.516.2 with the Pipeline plugins,
 * running real Jenkinsfiles (src/test/resources/e2e).
 */
class ScanForSecretsE2EIT {
    private static final String KEY = "AKIA" + "Q3EGRKGZ4UDX" + "XQ7T";
    private static final String NPM_TOKEN = "npm_" + "a1B2c3D4e5F6g7H8i9J0" + "k1L2m3N4o5P6q7R8";
    private static RealJenkins jenkins;

    @BeforeAll
    static void boot() throws Exception {
        jenkins = RealJenkins.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (jenkins != null) {
            jenkins.close();
        }
    }

    private static RealJenkins.Build run(String job, String jenkinsfile) throws Exception {
        jenkins.createPipelineJob(job, Jenkinsfiles.load(jenkinsfile));
        return jenkins.build(job);
    }

    @Test
    void ourPluginIsInstalledAndActive() throws Exception {
        JsonNode ours = jenkins.plugin("pipeline-integrity");
        assertThat(ours).as("pipeline-integrity among the installed plugins").isNotNull();
        assertThat(ours.path("active").asBoolean()).isTrue();
        assertThat(ours.path("enabled").asBoolean()).isTrue();
    }

    @Test
    void plantedSecretFailsTheDeclarativeBuildWithoutPrintingIt() throws Exception {
        RealJenkins.Build b = run("planted-secret", "planted-secret.Jenkinsfile");
        assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
        assertThat(b.console())
                .contains("CRITICAL aws-access-key-id")
                .contains("conf/deploy.properties:2:17")
                .contains("report written to pipeline-integrity/secrets.sarif")
                .contains("scanForSecrets: FAIL - 1 secret found in 1 file (1 CRITICAL)")
                .doesNotContain("DEPLOYED: must never be reached")
                .doesNotContain(KEY);

        String page = jenkins.get(b.path() + "pipeline-integrity/").body();
        assertThat(page).contains("Integrity Report").contains("aws-access-key-id")
                .contains("conf/deploy.properties:2:17").doesNotContain(KEY);

        JsonNode api = jenkins.getJson(b.path() + "pipeline-integrity/api/json");
        assertThat(api.path("status").asText()).isEqualTo("FAIL");
        JsonNode result = api.path("results").get(0);
        assertThat(result.path("check").asText()).isEqualTo("secrets");
        JsonNode finding = result.path("findings").get(0);
        assertThat(finding.path("rule").asText()).isEqualTo("aws-access-key-id");
        assertThat(finding.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(finding.path("location").path("file").asText()).isEqualTo("conf/deploy.properties");
        assertThat(finding.path("location").path("line").asInt()).isEqualTo(2);
        assertThat(finding.path("fingerprint").asText()).hasSize(24);
        assertThat(api.toString()).doesNotContain(KEY);

        assertThat(jenkins.get(b.path()).body()).contains("Integrity Report").contains("FAIL");
    }

    @Test
    void cleanWorkspaceSucceedsAndTheMapReachesTheScript() throws Exception {
        RealJenkins.Build b = run("clean-workspace", "clean-workspace.Jenkinsfile");
        assertThat(b.result()).as(b.console()).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("scan status=PASS findings=0 summary=no secrets found in 2 files");
        JsonNode api = jenkins.getJson(b.path() + "pipeline-integrity/api/json");
        assertThat(api.path("status").asText()).isEqualTo("PASS");
    }

    @Test
    void reportOnlyRunKeepsTheBuildGreenAndHidesTheToken() throws Exception {
        RealJenkins.Build b = run("report-only", "report-only.Jenkinsfile");
        assertThat(b.result()).as(b.console()).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("report-only status=WARN first=npm-access-token@ci/.npmrc:1")
                .doesNotContain(NPM_TOKEN);
    }

    @Test
    void jenkinsSpecificLeaksAreFound() throws Exception {
        RealJenkins.Build b = run("jenkins-aware", "jenkins-aware.Jenkinsfile");
        assertThat(b.result()).as(b.console()).isEqualTo("SUCCESS");
        assertThat(b.console())
                .contains("jenkins-aware rules=[jcasc-literal-secret, jenkins-agent-secret,"
                        + " jenkins-credential-interpolation, jenkins-encrypted-secret, jenkins-groovy-create-account]")
                .contains("ci/Jenkinsfile:4:").contains("casc/jenkins.yaml:6:").contains("init.groovy.d/security.groovy:2:")
                .contains("agents/start.sh:1:")
                .doesNotContain("Qk3vT9xLm2PqR8sW4yZ1aC6eF0hJ5kN7oU3iB2gD").doesNotContain("Zq8vLr2TxW9m")
                .doesNotContain("Hx7pQ2vN9kLm").doesNotContain("3f9a1c7e5b2d8a640e7c9b1d5f3a2e86");
    }

    @Test
    void snippetGeneratorOffersTheStep() throws Exception {
        jenkins.createPipelineJob("snippets", "echo 'hi'");
        String page = jenkins.get("job/snippets/pipeline-syntax/").body();
        assertThat(page).contains("scanForSecrets: Scan the workspace for leaked credentials");
    }
}
