package io.jenkins.plugins.integrity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * checkDeployConfig in a stock Jenkins with our packaged .hpi: a declarative Jenkinsfile's workspace holds a
 * root Dockerfile and a privileged Deployment mounting the Docker socket; the check stops the pipeline, with the
 * findings on the console, the report page and its JSON API.
 */
class CheckDeployConfigE2EIT {
    private static RealJenkins jenkins;

    @BeforeAll
    static void boot() throws Exception {
        jenkins = RealJenkins.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jenkins != null) {
            jenkins.close();
        }
    }

    @Test
    void aRootDockerfileAndAPrivilegedDeploymentStopTheDeployment() throws Exception {
        jenkins.createPipelineJob("deploy-config", Jenkinsfiles.load("deploy-config.Jenkinsfile"));
        RealJenkins.Build b = jenkins.build("deploy-config");
        assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
        assertThat(b.console()).contains("k8s-privileged-container").contains("k8s-sensitive-host-mount")
                .contains("Deployment/service (document 2, spec.template.spec.containers[0].securityContext.privileged)")
                .contains("k8s/deployment.yaml:20").contains("dockerfile-user-root").contains("Dockerfile:1")
                .contains("deploy: FAIL").doesNotContain("DEPLOYED: must never be reached");
        JsonNode api = jenkins.getJson(b.path() + "pipeline-integrity/api/json");
        assertThat(api.path("status").asText()).isEqualTo("FAIL");
        assertThat(api.path("results").get(0).path("check").asText()).isEqualTo("deploy");
        assertThat(api.toString()).contains("\"rule\":\"k8s-privileged-container\"").contains("\"severity\":\"CRITICAL\"");
        String page = jenkins.get(b.path() + "pipeline-integrity/").body();
        assertThat(page).contains("k8s-sensitive-host-mount").contains("dockerfile-user-root");
    }
}
