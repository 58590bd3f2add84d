package io.jenkins.plugins.integrity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.oci.LocalRegistry;
import io.jenkins.plugins.integrity.oci.TestImage;
import io.jenkins.plugins.integrity.oci.Tools;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generateSbom} in a stock Jenkins with our packaged .hpi: an image that umoci builds from this
 * machine's dpkg database (with an sshd) is pushed by skopeo to Debian's docker-registry on 127.0.0.1 behind
 * basic authentication, and the Jenkinsfile pulls it with a username/password credential.
 */
class GenerateSbomE2EIT {
    @TempDir
    static Path dir;
    private static RealJenkins jenkins;
    private static LocalRegistry registry;

    @BeforeAll
    static void boot() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("var/lib/dpkg"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("usr/sbin"));
        Files.copy(Path.of("/var/lib/dpkg/status"), rootfs.resolve("var/lib/dpkg/status"));
        Files.copy(Path.of("/etc/os-release"), rootfs.resolve("etc/os-release"));
        Files.writeString(rootfs.resolve("usr/sbin/sshd"), "#!/bin/sh\n");
        Tools.run(dir, "chmod", "755", rootfs.resolve("usr/sbin/sshd").toString());
        TestImage image = TestImage.create(dir, "1.0").layer(rootfs).config("--config.user", "1000");
        registry = LocalRegistry.start(dir.resolve("registry"), "ci", "pull-Secret-42");
        image.push(registry.address() + "/team/app:1.0", "ci", "pull-Secret-42");
        jenkins = RealJenkins.start();
        String script = String.join("\n",
                "import com.cloudbees.plugins.credentials.*",
                "import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl",
                "SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(",
                "    CredentialsScope.GLOBAL, 'registry-ci', 'the test registry', 'ci', 'pull-Secret-42'))",
                "SystemCredentialsProvider.getInstance().save()",
                "println 'credential added'");
        HttpResponse<String> r = jenkins.post("scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("credential added");
    }

    @AfterAll
    static void stop() throws Exception {
        if (jenkins != null) {
            jenkins.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static RealJenkins.Build run(String job, String jenkinsfile) throws Exception {
        jenkins.createPipelineJob(job, Jenkinsfiles.load(jenkinsfile).replace("@REGISTRY@", registry.address()));
        return jenkins.build(job);
    }

    @Test
    void anImageWithAnSshServerIsPulledWithTheCredentialAndStopsTheBuild() throws Exception {
        RealJenkins.Build b = run("sbom-image", "sbom-image.Jenkinsfile");
        assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
        assertThat(b.console())
                .contains("components, CycloneDX 1.6 json in pipeline-integrity/bom.cdx.json")
                .contains("image/ssh-server-binary").contains("usr/sbin/sshd")
                .contains("in layer 0 (sha256:")
                .contains("generateSbom: FAIL")
                .doesNotContain("DEPLOYED: must never be reached")
                .doesNotContain("pull-Secret-42");
        JsonNode bom = new ObjectMapper().readTree(jenkins.get(b.path() + "artifact/pipeline-integrity/bom.cdx.json")
                .body());
        assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.path("metadata").path("component").path("type").asText()).isEqualTo("container");
        assertThat(bom.path("components").size()).isGreaterThan(50);
        JsonNode api = jenkins.getJson(b.path() + "pipeline-integrity/api/json");
        JsonNode result = api.path("results").get(0);
        assertThat(result.path("check").asText()).isEqualTo("sbom");
        assertThat(result.path("status").asText()).isEqualTo("FAIL");
        assertThat(result.path("metrics").path("components").asInt()).isGreaterThan(50);
        assertThat(jenkins.get(b.path() + "pipeline-integrity/").body()).contains("image/ssh-server-binary");
    }

    @Test
    void aDeclarativePipelineGetsTheWorkspaceSbomAsAMap() throws Exception {
        RealJenkins.Build b = run("sbom-workspace", "sbom-workspace.Jenkinsfile");
        assertThat(b.result()).as(b.console()).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("workspace sbom status=WARN components=2 denied=sbom/denied-package");
    }
}
