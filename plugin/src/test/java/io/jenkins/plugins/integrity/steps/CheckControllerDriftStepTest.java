package io.jenkins.plugins.integrity.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * checkControllerDrift in a JenkinsRule controller: refused until the administrator enables it, the hardening
 * report without a baseline, no drift against a baseline of the live state, and drift (CSRF off, an init script)
 * with its severity once the controller changes; a baseline that does not match its pin is refused.
 */
@WithJenkins
class CheckControllerDriftStepTest {

    private static WorkflowRun run(JenkinsRule j, String name, String script, Result expected) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(expected, p);
    }

    @Test
    void driftIsCheckedOnlyWhenEnabledAndReportsWhatChangedSinceTheBaseline(JenkinsRule j) throws Exception {
        j.jenkins.save();
        WorkflowRun off = run(j, "off", "checkControllerDrift()", Result.FAILURE);
        j.assertLogContains("controller drift checks are off", off);

        DriftConfiguration config = DriftConfiguration.get();
        config.setEnabled(true);
        WorkflowRun first = run(j, "first", """
                def r = checkControllerDrift failOn: 'NONE'
                echo "drift ${r.status}: ${r.summary}"
                """, Result.SUCCESS);
        j.assertLogContains("no baseline: hardening only", first);

        Path baseline = j.jenkins.getRootDir().toPath().resolve("drift-baseline.json");
        byte[] approved = LiveSnapshot.take().toJson().getBytes(StandardCharsets.UTF_8);
        Files.write(baseline, approved);
        config.setBaselineFile(baseline.toString());
        config.setBaselineSha256(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(approved)));
        WorkflowRun same = run(j, "same", """
                def r = checkControllerDrift failOn: 'NONE'
                echo "drift ${r.status}: ${r.summary}"
                """, Result.SUCCESS);
        // the job that runs the check was created after the baseline: the only drift, and only INFO
        j.assertLogContains("1 drift from the baseline", same);
        j.assertLogContains("ADDED: the job same added", same);

        j.jenkins.setCrumbIssuer(null);
        j.jenkins.save();
        Files.createDirectories(j.jenkins.getRootDir().toPath().resolve("init.groovy.d"));
        Files.writeString(j.jenkins.getRootDir().toPath().resolve("init.groovy.d/late.groovy"), "println 'late'");
        WorkflowRun drifted = run(j, "drifted", "checkControllerDrift()", Result.FAILURE);
        j.assertLogContains("drift-csrf-disabled", drifted);
        j.assertLogContains("drift-init-script-added", drifted);
        j.assertLogContains("checkControllerDrift: FAIL", drifted);
        assertThat(drifted.getAction(IntegrityReportAction.class).getResults()).extracting(r -> r.check())
                .containsExactly("drift");

        config.setBaselineSha256("0".repeat(64));
        WorkflowRun pinned = run(j, "pinned", "checkControllerDrift()", Result.FAILURE);
        j.assertLogContains("refused: the baseline's SHA-256 is", pinned);
    }

    @Test
    void anAdministratorApprovesTheCurrentStateAndTheMonitorWarnsOfDriftUntilApprovedAgain(JenkinsRule j)
            throws Exception {
        j.jenkins.save();
        DriftConfiguration config = DriftConfiguration.get();
        config.setEnabled(true);
        JenkinsRule.WebClient wc = j.createWebClient();
        org.htmlunit.html.HtmlPage page = wc.goTo("manage/pipeline-integrity-drift/");
        assertThat(page.getElementById("drift-summary").getTextContent()).contains("no baseline: hardening only");
        j.submit(page.getFormByName("approve"));
        assertThat(config.getBaselineSha256()).hasSize(64);
        Path root = j.jenkins.getRootDir().toPath();
        assertThat(Path.of(config.getBaselineFile())).isEqualTo(root.resolve("pipeline-integrity/drift-baseline.json"));
        assertThat(Files.readString(root.resolve("pipeline-integrity/drift-approvals.log")))
                .contains("\"sha256\":\"" + config.getBaselineSha256() + "\"");
        assertThat(new DriftApprovals(root).recent(10)).singleElement().satisfies(a -> assertThat(a.sha256())
                .isEqualTo(config.getBaselineSha256()));
        DriftMonitor.get().refresh();
        assertThat(DriftMonitor.get().isActivated()).isFalse();

        j.jenkins.setCrumbIssuer(null);
        j.jenkins.save();
        DriftMonitor.get().refresh();
        assertThat(DriftMonitor.get().isActivated()).isTrue();
        assertThat(DriftMonitor.get().getDrifted()).anyMatch(d -> d.contains("CSRF protection turned off"));
        page = wc.goTo("manage/pipeline-integrity-drift/");
        assertThat(page.getElementById("drift-findings").getTextContent()).contains("drift-csrf-disabled");
        assertThat(page.getElementById("drift-approvals").getTextContent()).contains("anonymous").contains(config.getBaselineSha256().substring(0, 16))
                .doesNotContain("{AQAA");

        j.submit(page.getFormByName("approve"));
        assertThat(DriftMonitor.get().isActivated()).isFalse();
        assertThat(new DriftApprovals(root).recent(10)).hasSize(2);
    }
}
