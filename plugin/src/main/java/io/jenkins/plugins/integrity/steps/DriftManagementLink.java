package io.jenkins.plugins.integrity.steps;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.drift.DriftCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins > Controller drift: the controller's drift from its approved baseline and its hardening gaps,
 * now, and the administrator's approval of the current state as the new baseline (with the record of who
 * approved what, and when).
 */
@Extension
public class DriftManagementLink extends ManagementLink {

    @Override
    public String getIconFileName() {
        return "symbol-shield-checkmark-outline plugin-ionicons-api";
    }

    @Override
    public String getUrlName() {
        return "pipeline-integrity-drift";
    }

    @Override
    public String getDisplayName() {
        return "Controller drift";
    }

    @Override
    public String getDescription() {
        return "What changed in the controller's security-relevant configuration since the approved baseline,"
                + " and its hardening gaps.";
    }

    @Override
    public Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    @Override
    public Category getCategory() {
        return Category.SECURITY;
    }

    /** The check of the controller now, or a result in error saying why it could not be made. */
    public CheckResult getCurrent() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            return DriftCheck.of(LiveSnapshot.take(), DriftConfiguration.get().baseline(), Gate.NEVER);
        } catch (InvalidInputException | IOException e) {
            return CheckResult.error(DriftCheck.CHECK, e.getMessage(), List.of());
        }
    }

    public List<DriftApprovals.Approval> getApprovals() throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return new DriftApprovals(Jenkins.get().getRootDir().toPath()).recent(10);
    }

    /** Approves the controller's current state as the baseline: written, pinned by digest, recorded. */
    @POST
    public HttpResponse doApprove() throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        DriftConfiguration config = DriftConfiguration.get();
        if (config.getBaselineKeyCredentialsId() != null) {
            return HttpResponses.errorWithoutStack(409, "The baseline is verified by a signing key: approve a new one"
                    + " with `pipeline-integrity drift snapshot --key` and replace " + config.getBaselineFile());
        }
        DriftApprovals approvals = new DriftApprovals(Jenkins.get().getRootDir().toPath());
        Path file = config.getBaselineFile() == null ? approvals.defaultBaseline() : Path.of(config.getBaselineFile());
        DriftApprovals.Approval a = approvals.approve(LiveSnapshot.take(), file, Jenkins.getAuthentication2().getName());
        config.setBaselineFile(file.toString());
        config.setBaselineSha256(a.sha256());
        DriftMonitor.get().refresh();
        return HttpResponses.redirectToDot();
    }
}
