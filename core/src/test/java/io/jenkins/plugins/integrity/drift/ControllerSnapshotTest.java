package io.jenkins.plugins.integrity.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot of the JENKINS_HOME a real Jenkins wrote: what it holds, what it never holds, hostile homes. */
class ControllerSnapshotTest {
    @TempDir
    Path tmp;

    @Test
    void theFixtureHomeIsReadAsJenkinsConfiguredIt() {
        ControllerSnapshot s = new JenkinsHomeReader().read(JenkinsHome.FIXTURE);
        assertThat(s.jenkinsVersion()).isEqualTo("2.516.2");
        assertThat(s.source()).isEqualTo("jenkins-home");
        assertThat(s.item("setting", "securityRealm").attributes()).containsEntry("class",
                "hudson.security.HudsonPrivateSecurityRealm").containsEntry("disableSignup", "true");
        assertThat(s.item("setting", "crumbIssuer").get("class")).isEqualTo("hudson.security.csrf.DefaultCrumbIssuer");
        assertThat(s.ofKind("grant")).extracting(SnapshotItem::id)
                .containsExactly("hudson.model.Hudson.Administer|GROUP:authenticated");
        assertThat(s.ofKind("plugin")).hasSize(48);
        assertThat(s.item("plugin", "workflow-cps").attributes()).containsEntry("version", "4303.v8fa_2a_581f0a_6")
                .containsEntry("enabled", "true");
        assertThat(s.ofKind("job")).extracting(SnapshotItem::id).containsExactly("app-build", "release", "team",
                "team/service");
        assertThat(s.item("job", "release").attributes()).containsEntry("definition", "inline")
                .containsEntry("sandbox", "false");
        assertThat(s.item("node", "agent-1").attributes()).containsEntry("launcher", "hudson.slaves.JNLPLauncher")
                .containsEntry("executors", "2");
        assertThat(s.item("setting", "builtInNode").get("executors")).isEqualTo("0");
        assertThat(s.item("scriptApproval", "signature:method java.lang.Runtime exec java.lang.String").get("dangerous"))
                .isEqualTo("true");
        assertThat(s.item("scriptApproval", "signature:method java.lang.String toUpperCase").get("dangerous"))
                .isEqualTo("false");
        assertThat(s.ofKind("credential")).extracting(SnapshotItem::id).containsExactly("system/_/api-token",
                "system/_/deploy");
        assertThat(s.item("credential", "system/_/deploy").get("type"))
                .isEqualTo("com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl");
        assertThat(s.item("user", "admin").get("apiTokens")).isEqualTo("1");
        assertThat(s.item("library", "shared-steps").attributes()).containsEntry("implicit", "true")
                .containsEntry("trusted", "true");
        assertThat(s.item("initScript", "init.groovy.d/configure.groovy").get("sha256")).hasSize(64);
        assertThat(s.item("updateSite", "default").get("url")).isEqualTo("https://updates.jenkins.io/update-center.json");
    }

    @Test
    void noSecretOfTheHomeReachesTheSnapshot() throws Exception {
        String json = new JenkinsHomeReader().read(JenkinsHome.FIXTURE).toJson();
        String credentials = Files.readString(JenkinsHome.FIXTURE.resolve("credentials.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{AQAA[^}]+\\}").matcher(credentials);
        int encrypted = 0;
        while (m.find()) {
            assertThat(json).doesNotContain(m.group()).doesNotContain(m.group().substring(1, 30));
            encrypted++;
        }
        assertThat(encrypted).isEqualTo(2);
        assertThat(json).doesNotContain("jbcrypt").doesNotContain("deployer").doesNotContain("make release")
                .doesNotContain("b79fae35664e5213").doesNotContain("300a01e7c32a9edec9d4e6bcb55e9f1a70f97b8");
    }

    @Test
    void aSnapshotRoundTripsThroughItsJsonAndTheSameStateIsTheSameBytes() {
        ControllerSnapshot s = new JenkinsHomeReader().read(JenkinsHome.FIXTURE);
        ControllerSnapshot back = ControllerSnapshot.parse(s.toJson().getBytes(StandardCharsets.UTF_8));
        assertThat(back).isEqualTo(s);
        assertThat(back.toJson()).isEqualTo(s.toJson());
    }

    @Test
    void urlsWithCredentialsAreMasked() {
        String userinfo = "ci:" + "not-a-" + "real-password";
        assertThat(JobReader.maskUserinfo("https://" + userinfo + "@github.com/acme/app.git"))
                .isEqualTo("https://***@github.com/acme/app.git");
        assertThat(JobReader.maskUserinfo("git@github.com:acme/app.git")).isEqualTo("git@github.com:acme/app.git");
    }

    @Test
    void aDirectoryThatIsNotAJenkinsHomeOrHasBrokenFilesIsRefusedNamingTheFile() throws Exception {
        assertThatThrownBy(() -> new JenkinsHomeReader().read(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no config.xml");
        assertThatThrownBy(() -> new JenkinsHomeReader().read(tmp.resolve("missing")))
                .hasMessageContaining("not a directory");
        JenkinsHome dtd = JenkinsHome.copy(tmp.resolve("dtd")).write("config.xml", "<?xml version='1.1'?>\n"
                + "<!DOCTYPE hudson [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><hudson>&x;</hudson>");
        assertThatThrownBy(dtd::snapshot).hasMessageContaining("config.xml").hasMessageContaining("DTD");
        JenkinsHome truncated = JenkinsHome.copy(tmp.resolve("truncated"));
        String approval = Files.readString(truncated.dir.resolve("scriptApproval.xml"));
        truncated.write("scriptApproval.xml", approval.substring(0, approval.length() / 2));
        assertThatThrownBy(truncated::snapshot).hasMessageContaining("scriptApproval.xml")
                .hasMessageContaining("not well-formed");
        JenkinsHome badPlugin = JenkinsHome.copy(tmp.resolve("plugin")).write("plugins/evil.jpi", "not a zip");
        assertThatThrownBy(badPlugin::snapshot).hasMessageContaining("plugins/evil.jpi")
                .hasMessageContaining("not a plugin archive");
    }

    @Test
    void linksOutOfTheHomeAreNotFollowed() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside/stolen"));
        Files.writeString(outside.resolve("config.xml"), "<flow-definition><description>outside</description></flow-definition>");
        JenkinsHome home = JenkinsHome.copy(tmp.resolve("home"));
        Files.createSymbolicLink(home.dir.resolve("jobs/stolen"), outside);
        Files.createSymbolicLink(home.dir.resolve("init.groovy"), outside.resolve("config.xml"));
        ControllerSnapshot s = home.snapshot();
        assertThat(s.item("job", "stolen")).isNull();
        assertThat(s.item("initScript", "init.groovy")).isNull();
    }

    @Test
    void snapshotsThatAreNotOneAreRefusedSayingWhy() {
        assertThatThrownBy(() -> ControllerSnapshot.parse("{".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ControllerSnapshot.parse("{\"schema\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a controller snapshot");
        assertThatThrownBy(() -> ControllerSnapshot.parse(("{\"schema\":\"" + ControllerSnapshot.SCHEMA
                + "\",\"items\":{}}").getBytes(StandardCharsets.UTF_8))).hasMessageContaining("no items array");
        assertThatThrownBy(() -> ControllerSnapshot.parse(("{\"schema\":\"" + ControllerSnapshot.SCHEMA
                + "\",\"items\":[{\"kind\":\"plugin\"}],\"takenAt\":\"2026-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("no kind or no id");
        assertThatThrownBy(() -> ControllerSnapshot.parse(("{\"schema\":\"" + ControllerSnapshot.SCHEMA
                + "\",\"items\":[],\"takenAt\":\"yesterday\"}").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("takenAt");
    }
}
