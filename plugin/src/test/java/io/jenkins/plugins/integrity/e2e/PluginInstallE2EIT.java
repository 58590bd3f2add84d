package io.jenkins.plugins.integrity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The install path the README gives administrators: a stock Jenkins without our plugin, the .hpi deployed
 * through the plugin manager (loaded without a restart), a build using the step, then a restart after which
 * the build's Integrity Report is still there.
 */
class PluginInstallE2EIT {
    private static final String KEY = "AKIA" + "Q3EGRKGZ4UDX" + "XQ7T";

    @Test
    void deployedThroughThePluginManagerTheStepWorksAndReportsSurviveARestart() throws Exception {
        try (RealJenkins jenkins = RealJenkins.start(false)) {
            assertThat(jenkins.plugin("pipeline-integrity")).as("not installed yet").isNull();

            jenkins.uploadPlugin(RealJenkins.ourHpi());
            JsonNode ours = jenkins.awaitActivePlugin("pipeline-integrity");
            assertThat(ours.path("longName").asText()).isEqualTo("Pipeline Integrity");

            jenkins.createPipelineJob("after-deploy", Jenkinsfiles.load("planted-secret.Jenkinsfile"));
            RealJenkins.Build b = jenkins.build("after-deploy");
            assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
            assertThat(b.console()).contains("aws-access-key-id").doesNotContain(KEY);

            jenkins.restart();

            assertThat(jenkins.plugin("pipeline-integrity").path("active").asBoolean()).isTrue();
            JsonNode api = jenkins.getJson(b.path() + "pipeline-integrity/api/json");
            assertThat(api.path("status").asText()).isEqualTo("FAIL");
            assertThat(api.at("/results/0/findings/0/rule").asText()).isEqualTo("aws-access-key-id");
            assertThat(api.at("/results/0/findings/0/location/file").asText()).isEqualTo("conf/deploy.properties");
            assertThat(jenkins.get(b.path() + "pipeline-integrity/").body()).contains("aws-access-key-id")
                    .doesNotContain(KEY);
            assertThat(jenkins.get(b.path() + "consoleText").body()).doesNotContain(KEY);
        }
    }
}
