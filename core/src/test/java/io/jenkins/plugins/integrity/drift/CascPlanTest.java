package io.jenkins.plugins.integrity.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What re-applying a JCasC YAML would change on the fixture controller, judged by the drift rules. */
class CascPlanTest {
    static final ControllerSnapshot LIVE = new JenkinsHomeReader().read(JenkinsHome.FIXTURE);
    static final String SAME = """
            jenkins:
              numExecutors: 0
              slaveAgentPort: 50000
              securityRealm:
                local:
                  allowsSignup: false
                  users:
                    - id: admin
                      password: ${ADMIN_PASSWORD}
              authorizationStrategy:
                loggedInUsersCanDoAnything:
                  allowAnonymousRead: false
              crumbIssuer:
                standard:
                  excludeClientIPFromCrumb: true
              nodes:
                - permanent:
                    name: agent-1
                    numExecutors: 2
                    remoteFS: /home/jenkins/agent
            security:
              scriptApproval:
                approvedSignatures:
                  - method java.lang.Runtime exec java.lang.String
                  - method java.lang.String toUpperCase
            unclassified:
              globalLibraries:
                libraries:
                  - name: shared-steps
                    defaultVersion: main
                    implicit: true
                    allowVersionOverride: true
            """;

    static final String LOGGED_IN = "    loggedInUsersCanDoAnything:\n      allowAnonymousRead: false\n";

    /** SAME with one passage replaced; fails when the passage is not there. */
    static String same(String from, String to) {
        assertThat(SAME).contains(from);
        return SAME.replace(from, to);
    }

    static List<Drift> plan(String yaml) {
        return CascPlan.plan(yaml.getBytes(StandardCharsets.UTF_8), "jenkins.yaml", LIVE);
    }

    @Test
    void theYamlThatDescribesTheControllerPlansNothing() {
        assertThat(plan(SAME)).isEmpty();
    }

    @Test
    void reApplyingAnUnsecuredStrategyWouldBeCritical() {
        List<Drift> p = plan(same(LOGGED_IN, "    unsecured: {}\n"));
        assertThat(p).extracting(Drift::rule).contains("drift-authorization-changed", "drift-administer-granted");
        assertThat(p).filteredOn(d -> d.rule().equals("drift-administer-granted")).singleElement()
                .satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.CRITICAL));
        // JCasC's bare symbol means the same
        assertThat(plan(same("  authorizationStrategy:\n" + LOGGED_IN, "  authorizationStrategy: unsecured\n")))
                .extracting(Drift::rule).contains("drift-authorization-changed", "drift-administer-granted");
    }

    @Test
    void aMatrixInTheYamlIsReadAsItsGrants() {
        List<Drift> p = plan(same(LOGGED_IN, "    globalMatrix:\n      entries:\n        - user:\n            name: admin\n            permissions:\n"
                + "              - Overall/Administer\n        - group:\n            name: authenticated\n"
                + "            permissions:\n              - Overall/Read\n              - Job/Build\n"));
        assertThat(p).filteredOn(d -> d.rule().equals("drift-administer-granted")).extracting(d -> d.item().id())
                .containsExactly("hudson.model.Hudson.Administer|USER:admin");
        assertThat(p).filteredOn(d -> d.rule().equals("drift-grant-added")).extracting(d -> d.item().id())
                .containsExactlyInAnyOrder("hudson.model.Hudson.Read|GROUP:authenticated",
                        "hudson.model.Item.Build|GROUP:authenticated");
        assertThat(p).filteredOn(d -> d.rule().equals("drift-grant-removed")).extracting(d -> d.item().id())
                .containsExactly("hudson.model.Hudson.Administer|GROUP:authenticated");
    }

    @Test
    void theApprovedSignaturesOfTheYamlReplaceTheControllers() {
        List<Drift> p = plan(same("      - method java.lang.String toUpperCase",
                "      - staticMethod jenkins.model.Jenkins getInstance"));
        assertThat(p).extracting(Drift::rule).containsExactlyInAnyOrder("drift-dangerous-approval",
                "drift-scriptApproval-removed");
    }

    @Test
    void csrfProtectionCpuAndRawHtmlFromTheYamlAreJudgedAsDrift() {
        List<Drift> p = plan(same("  crumbIssuer:\n    standard:\n      excludeClientIPFromCrumb: true\n",
                "  crumbIssuer: {}\n  markupFormatter:\n    rawHtml:\n      disableSyntaxHighlighting: false\n")
                .replace("numExecutors: 0", "numExecutors: 4"));
        assertThat(p).extracting(Drift::rule).containsExactlyInAnyOrder("drift-csrf-disabled", "drift-markup-raw-html",
                "drift-built-in-executors");
    }

    @Test
    void aFileThatIsNotJcascIsRefusedNamingIt() {
        assertThatThrownBy(() -> plan("jenkins: [unclosed")).hasMessageContaining("jenkins.yaml")
                .hasMessageContaining("not YAML");
        assertThatThrownBy(() -> plan("- a list")).hasMessageContaining("not a JCasC configuration");
        assertThat(CascPlan.permissionId("Overall/Administer")).isEqualTo(Grants.ADMINISTER);
    }
}
