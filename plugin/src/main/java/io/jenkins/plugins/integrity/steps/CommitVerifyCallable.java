package io.jenkins.plugins.integrity.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.commits.CommitRange;
import io.jenkins.plugins.integrity.commits.CommitSignatureVerifier;
import io.jenkins.plugins.integrity.report.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * The commit verification, run on the agent that holds the repository, with the trust the controller sent.
 * Only the range, the trust material (public keys) and the result's JSON cross the channel.
 */
final class CommitVerifyCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String repo;
    private final String from;
    private final String to;
    private final int limit;
    private final boolean firstParent;
    private final TrustMaterial trust;
    private final boolean requireIdentityMatch;
    private final String failOn;

    /** The range travels as strings and numbers (plain JDK types), which every channel accepts. */
    CommitVerifyCallable(String repo, CommitRange range, TrustMaterial trust, boolean requireIdentityMatch,
            String failOn) {
        this.repo = repo;
        this.from = range.from();
        this.to = range.to();
        this.limit = range.limit();
        this.firstParent = range.firstParent();
        this.trust = trust;
        this.requireIdentityMatch = requireIdentityMatch;
        this.failOn = failOn;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException {
        Path base = workspace.toPath().toAbsolutePath().normalize();
        String shown = repo == null ? "." : repo;
        try {
            Path dir = SecretScanCallable.WorkspacePaths.inside(base, repo);
            if (trust.empty()) {
                throw new InvalidInputException("the trust policy", "no trusted keys are configured (Manage Jenkins >"
                        + " System > Pipeline Integrity: OpenPGP keys or allowed signers)");
            }
            CheckResult result = new CommitSignatureVerifier(trust.policy(requireIdentityMatch), Instant.now())
                    .verify(dir, new CommitRange(from, to, limit, firstParent), Gate.parse(failOn));
            return Json.write(result);
        } catch (InvalidInputException e) {
            return Json.write(CheckResult.error(CommitSignatureVerifier.CHECK, e.getMessage(),
                    List.of(Subject.named(shown))));
        }
    }
}
