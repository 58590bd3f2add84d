package io.jenkins.plugins.integrity.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each drift rule both ways, on copies of the real fixture home changed as Jenkins would write the change: the
 * change one way is judged by its rule, the way back by a milder one (or none).
 */
class DriftRulesTest {
    @TempDir
    static Path tmp;
    static ControllerSnapshot baseline;
    static int n;

    @BeforeAll
    static void baseline() {
        baseline = new JenkinsHomeReader().read(JenkinsHome.FIXTURE);
    }

    static JenkinsHome home() throws Exception {
        return JenkinsHome.copy(tmp.resolve("home-" + n++));
    }

    /** The drifts from the baseline to the changed home, and back. */
    static List<Drift> there(JenkinsHome changed) {
        return DriftRules.compare(baseline, changed.snapshot());
    }

    static List<Drift> back(JenkinsHome changed) {
        return DriftRules.compare(changed.snapshot(), baseline);
    }

    static Drift only(List<Drift> drifts, String rule) {
        List<Drift> matching = drifts.stream().filter(d -> d.rule().equals(rule)).toList();
        assertThat(matching).as(drifts.toString()).hasSize(1);
        return matching.get(0);
    }

    @Test
    void theSameHomeHasNoDrift() throws Exception {
        assertThat(there(home())).isEmpty();
    }

    @Test
    void csrfProtectionTurnedOffIsHighAndBackOnIsMedium() throws Exception {
        JenkinsHome h = home().replace("config.xml", """
                  <crumbIssuer class="hudson.security.csrf.DefaultCrumbIssuer">
                    <excludeClientIPFromCrumb>true</excludeClientIPFromCrumb>
                  </crumbIssuer>
                """, "");
        assertThat(only(there(h), "drift-csrf-disabled").severity()).isEqualTo(Severity.HIGH);
        assertThat(only(back(h), "drift-crumb-issuer-changed").severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void anonymousAdministerUnderAMatrixIsCriticalAndItsRemovalLow() throws Exception {
        JenkinsHome h = home().replace("config.xml", "<authorizationStrategy class=\"hudson.security."
                + "FullControlOnceLoggedInAuthorizationStrategy\">\n    <denyAnonymousReadAccess>true"
                + "</denyAnonymousReadAccess>\n  </authorizationStrategy>", """
                <authorizationStrategy class="hudson.security.GlobalMatrixAuthorizationStrategy">
                    <permission>USER:hudson.model.Hudson.Administer:admin</permission>
                    <permission>hudson.model.Hudson.Administer:anonymous</permission>
                    <permission>GROUP:hudson.model.Item.Read:developers</permission>
                  </authorizationStrategy>""");
        List<Drift> drifts = there(h);
        assertThat(only(drifts, "drift-authorization-changed").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(drifts).filteredOn(d -> d.rule().equals("drift-administer-granted")).extracting(d -> d.item().id())
                .containsExactlyInAnyOrder("hudson.model.Hudson.Administer|USER:admin",
                        "hudson.model.Hudson.Administer|EITHER:anonymous");
        assertThat(only(drifts, "drift-grant-added").message()).contains("Item/Read for GROUP developers");
        assertThat(only(drifts, "drift-grant-removed").severity()).isEqualTo(Severity.LOW);
        assertThat(back(h)).filteredOn(d -> d.rule().equals("drift-grant-removed")).hasSize(3);
    }

    @Test
    void anonymousReadIsCriticalAsAWideningAndTheSecurityRealmChangeToo() throws Exception {
        JenkinsHome h = home().replace("config.xml", "<denyAnonymousReadAccess>true</denyAnonymousReadAccess>",
                "<denyAnonymousReadAccess>false</denyAnonymousReadAccess>").replace("config.xml",
                "<disableSignup>true</disableSignup>", "<disableSignup>false</disableSignup>");
        List<Drift> drifts = there(h);
        Drift anonymous = only(drifts, "drift-anonymous-granted");
        assertThat(anonymous.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(anonymous.message()).contains("anonymous rights widened");
        assertThat(only(drifts, "drift-security-realm-changed").message()).contains("disableSignup: true -> false");
    }

    @Test
    void initScriptsAddedOrChangedAreHighAndRemovedMedium() throws Exception {
        JenkinsHome added = home().write("init.groovy.d/backdoor.groovy", "jenkins.model.Jenkins.get().setSecurityRealm(null)");
        assertThat(only(there(added), "drift-init-script-added").severity()).isEqualTo(Severity.HIGH);
        assertThat(only(back(added), "drift-init-script-removed").severity()).isEqualTo(Severity.MEDIUM);
        JenkinsHome changed = home().replace("init.groovy.d/configure.groovy", "println 'fixture configured'",
                "println 'changed'");
        assertThat(only(there(changed), "drift-init-script-changed").severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aPluginDowngradedIsHighUpgradedInfoAndNewMedium() throws Exception {
        JenkinsHome h = home().replace("plugins/script-security/META-INF/MANIFEST.MF",
                "Plugin-Version: 1402.v94c9ce464861", "Plugin-Version: 1229.v4880b_b_e905a_6");
        Drift down = only(there(h), "drift-plugin-downgraded");
        assertThat(down.severity()).isEqualTo(Severity.HIGH);
        assertThat(down.message()).contains("from 1402.v94c9ce464861 to 1229.v4880b_b_e905a_6");
        assertThat(only(back(h), "drift-plugin-upgraded").severity()).isEqualTo(Severity.INFO);
        JenkinsHome added = home().write("plugins/groovy/META-INF/MANIFEST.MF",
                "Manifest-Version: 1.0\nShort-Name: groovy\nPlugin-Version: 457.v99900cb_85593\n\n");
        assertThat(only(there(added), "drift-plugin-added").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(only(back(added), "drift-plugin-removed").severity()).isEqualTo(Severity.LOW);
        JenkinsHome disabled = home().write("plugins/mailer.jpi.disabled", "");
        assertThat(only(there(disabled), "drift-plugin-disabled").severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void aDangerousApprovalIsHighAHarmlessOneMedium() throws Exception {
        JenkinsHome h = home().replace("scriptApproval.xml", "<string>method java.lang.String toUpperCase</string>",
                "<string>method java.lang.String toUpperCase</string>\n    <string>staticMethod jenkins.model.Jenkins"
                        + " getInstance</string>\n    <string>method java.lang.String trim</string>");
        List<Drift> drifts = there(h);
        assertThat(only(drifts, "drift-dangerous-approval").item().id())
                .isEqualTo("signature:staticMethod jenkins.model.Jenkins getInstance");
        assertThat(only(drifts, "drift-approval-added").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(back(h)).extracting(Drift::rule).containsOnly("drift-scriptApproval-removed");
    }

    @Test
    void aRawHtmlFormatterIsHighAndBackToEscapingMedium() throws Exception {
        JenkinsHome h = home().replace("config.xml", "<jdks/>", "<markupFormatter class=\"hudson.markup."
                + "RawHtmlMarkupFormatter\" plugin=\"antisamy-markup-formatter@173.v680e3a_b_69ff3\">\n"
                + "    <disableSyntaxHighlighting>false</disableSyntaxHighlighting>\n  </markupFormatter>\n  <jdks/>");
        assertThat(only(there(h), "drift-markup-raw-html").severity()).isEqualTo(Severity.HIGH);
        assertThat(only(back(h), "drift-markup-changed").severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void agentToControllerSecurityOffIsHigh() throws Exception {
        JenkinsHome h = home().write("secrets/slave-to-master-security-kill-switch", "true");
        assertThat(only(there(h), "drift-agent-security-disabled").severity()).isEqualTo(Severity.HIGH);
        assertThat(only(back(h), "drift-agent-security-changed").severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void aNewNodeIsMediumANewJobInfoAndAJobOutOfTheSandboxHigh() throws Exception {
        JenkinsHome h = home().write("nodes/agent-2/config.xml", """
                <?xml version='1.1' encoding='UTF-8'?>
                <slave>
                  <name>agent-2</name>
                  <remoteFS>/home/jenkins</remoteFS>
                  <numExecutors>1</numExecutors>
                  <mode>EXCLUSIVE</mode>
                  <launcher class="hudson.slaves.JNLPLauncher"/>
                  <label>windows</label>
                </slave>""").write("jobs/new-job/config.xml", """
                <?xml version='1.1' encoding='UTF-8'?>
                <flow-definition plugin="workflow-job@1571.vb_423c255d6d9">
                  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition">
                    <script>echo 'hi'</script>
                    <sandbox>true</sandbox>
                  </definition>
                  <disabled>false</disabled>
                </flow-definition>""").replace("jobs/app-build/config.xml", "<sandbox>true</sandbox>",
                "<sandbox>false</sandbox>");
        List<Drift> drifts = there(h);
        assertThat(only(drifts, "drift-node-added").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(only(drifts, "drift-job-added").severity()).isEqualTo(Severity.INFO);
        Drift unsandboxed = only(drifts, "drift-job-unsandboxed");
        assertThat(unsandboxed.severity()).isEqualTo(Severity.HIGH);
        assertThat(unsandboxed.item().id()).isEqualTo("app-build");
        assertThat(only(back(h), "drift-job-changed").severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void theUpdateSiteATrustedLibraryAndNewApiTokensAreWatched() throws Exception {
        JenkinsHome h = home().replace("hudson.model.UpdateCenter.xml", "https://updates.jenkins.io/update-center.json",
                "https://updates.example.net/update-center.json").replace(
                "org.jenkinsci.plugins.workflow.libs.GlobalLibraries.xml", "<defaultVersion>main</defaultVersion>",
                "<defaultVersion>feature</defaultVersion>").replace("users/admin_2118222966233473174/config.xml",
                "</tokenList>", "  <jenkins.security.apitoken.ApiTokenStore_-HashedToken><name>second</name>"
                        + "</jenkins.security.apitoken.ApiTokenStore_-HashedToken>\n        </tokenList>");
        List<Drift> drifts = there(h);
        assertThat(only(drifts, "drift-update-site-changed").severity()).isEqualTo(Severity.HIGH);
        assertThat(only(drifts, "drift-library-changed").message()).contains("defaultVersion: main -> feature");
        assertThat(only(drifts, "drift-api-token-added").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(only(back(h), "drift-user-changed").severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void theBuiltInNodeRunningBuildsIsMedium() throws Exception {
        JenkinsHome h = home().replace("config.xml", "<numExecutors>0</numExecutors>", "<numExecutors>2</numExecutors>");
        assertThat(only(there(h), "drift-built-in-executors").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(only(back(h), "drift-setting-changed").severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void pluginVersionsAreOrderedByTheirLeadingNumbers() {
        assertThat(PluginVersions.compare("1.10", "1.9")).isPositive();
        assertThat(PluginVersions.compare("4290.vc4b_5a_7a_6c2b_8", "4303.v8fa_2a_581f0a_6")).isNegative();
        assertThat(PluginVersions.compare("2.1", "2.1.1")).isNegative();
        assertThat(PluginVersions.compare("1.0-beta", "1.0-rc")).isZero();
    }
}
