package io.jenkins.plugins.integrity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * checkControllerDrift in a stock Jenkins with our packaged .hpi, secured with its own user database and
 * logged-in users in control: the administrator enables the check (script console) and approves the current state
 * (Manage Jenkins > Controller drift, a POST with the crumb); the controller is then changed as an attacker would
 * (anonymous users granted Overall/Administer, CSRF protection off, an init script, a dangerous script approval),
 * the drift job reports each with its severity and stops; approved again, the drift clears.
 */
class ControllerDriftE2EIT {
    private static RealJenkins jenkins;

    @BeforeAll
    static void boot() throws Exception {
        jenkins = RealJenkins.start();
        String password = "e2e-" + java.util.UUID.randomUUID();
        script(String.join("\n",
                "import hudson.security.*",
                "def j = jenkins.model.Jenkins.get()",
                "def realm = new HudsonPrivateSecurityRealm(false, false, null)",
                "realm.createAccount('admin', '" + password + "')",
                "j.securityRealm = realm",
                "def strategy = new FullControlOnceLoggedInAuthorizationStrategy()",
                "strategy.allowAnonymousRead = false",
                "j.authorizationStrategy = strategy",
                "j.save()",
                "io.jenkins.plugins.integrity.steps.DriftConfiguration.get().enabled = true",
                "println 'secured, drift enabled'"), "secured, drift enabled");
        jenkins.logIn("admin", password);
    }

    @AfterAll
    static void stop() throws Exception {
        if (jenkins != null) {
            jenkins.close();
        }
    }

    private static void script(String groovy, String expected) throws Exception {
        HttpResponse<String> r = jenkins.post("scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(groovy, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains(expected);
    }

    private static void approve() throws Exception {
        HttpResponse<String> r = jenkins.post("manage/pipeline-integrity-drift/approve",
                "application/x-www-form-urlencoded", "");
        assertThat(r.statusCode()).as(r.body()).isIn(200, 302);
    }

    @Test
    void driftFromTheApprovedBaselineIsReportedBySeverityAndClearsWhenApproved() throws Exception {
        jenkins.createPipelineJob("controller-drift", Jenkinsfiles.load("controller-drift.Jenkinsfile"));
        approve();
        RealJenkins.Build clean = jenkins.build("controller-drift");
        assertThat(clean.result()).as(clean.console()).isEqualTo("SUCCESS");
        assertThat(clean.console()).contains("0 drifts from the baseline").contains("RELEASES ALLOWED");

        script(String.join("\n",
                "def j = jenkins.model.Jenkins.get()",
                "j.authorizationStrategy = hudson.security.AuthorizationStrategy.UNSECURED",
                "j.crumbIssuer = null",
                "j.save()",
                "def d = new File(j.rootDir, 'init.groovy.d')",
                "d.mkdirs()",
                "new File(d, 'persist.groovy').text = 'println \"persisted\"'",
                "org.jenkinsci.plugins.scriptsecurity.scripts.ScriptApproval.get().approveSignature("
                        + "'method java.lang.Runtime exec java.lang.String')",
                "println 'controller changed'"), "controller changed");
        RealJenkins.Build drifted = jenkins.build("controller-drift");
        assertThat(drifted.result()).as(drifted.console()).isEqualTo("FAILURE");
        assertThat(drifted.console())
                .containsPattern("CRITICAL +drift-authorization-changed +setting:authorizationStrategy")
                .containsPattern("CRITICAL +drift-administer-granted +grant:hudson.model.Hudson.Administer\\|EITHER:anonymous")
                .containsPattern("HIGH +drift-csrf-disabled +setting:crumbIssuer")
                .containsPattern("HIGH +drift-init-script-added +initScript:init.groovy.d/persist.groovy")
                .containsPattern("HIGH +drift-dangerous-approval +scriptApproval:signature:method java.lang.Runtime exec")
                .contains("the controller drifted from its approved baseline")
                .doesNotContain("RELEASES ALLOWED");
        JsonNode report = jenkins.getJson(drifted.path() + "pipeline-integrity/api/json");
        assertThat(report.toString()).contains("drift-csrf-disabled").contains("\"check\":\"drift\"");

        approve();
        RealJenkins.Build approved = jenkins.build("controller-drift");
        assertThat(approved.result()).as(approved.console()).isEqualTo("SUCCESS");
        assertThat(approved.console()).contains("0 drifts from the baseline");
        String page = jenkins.get("manage/pipeline-integrity-drift/").body();
        assertThat(page).contains("Approvals").contains("0 drifts from the baseline");
    }
}
