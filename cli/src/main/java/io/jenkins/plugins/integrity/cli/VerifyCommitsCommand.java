package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.commits.CommitRange;
import io.jenkins.plugins.integrity.commits.CommitSignatureVerifier;
import io.jenkins.plugins.integrity.commits.TrustPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code verify-commits}: verifies the signatures of a range of commits against a trust policy. */
@Command(name = "verify-commits", mixinStandardHelpOptions = true,
        description = "Verify the OpenPGP, SSH and X.509 signatures of a range of commits against trusted keys,"
                + " and report a verdict for every commit.")
final class VerifyCommitsCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
            description = "The repository (its work tree, a folder in it, or a bare repository; default: .)")
    private Path repo;

    @Option(names = "--range", paramLabel = "A..B",
            description = "The commits of B not in A (A.. means up to HEAD; a single revision: it and its ancestors)")
    private String range;

    @Option(names = "--since", paramLabel = "REV", description = "The commits of HEAD (or --range's end) not in REV")
    private String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Verify at most N commits, newest first (default: ${DEFAULT-VALUE})")
    private int limit;

    @Option(names = "--first-parent", description = "Follow only the first parent of merges (the branch's own commits)")
    private boolean firstParent;

    @Mixin
    private TrustOptions trustOptions;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "LOW",
            converter = SecretScanOptions.GateConverter.class,
            description = "Fail (exit 1) on verdicts of this severity or worse (every status but VERIFIED is LOW or"
                    + " worse; default: ${DEFAULT-VALUE}), or NONE to report only")
    private Gate gate;

    @Mixin
    private ResultOutput report;

    @Override
    public Integer call() {
        if (range != null && since != null && range.contains("..")) {
            throw new ParameterException(spec.commandLine(), "give --range A..B or --since REV, not both");
        }
        if (limit <= 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be positive");
        }
        TrustPolicy trust = trust();
        CommitRange commits = CommitRange.parse(range).withLimit(limit).withFirstParent(firstParent);
        if (since != null) {
            commits = commits.since(since);
        }
        CheckResult result = new CommitSignatureVerifier(trust, Instant.now()).verify(repo, commits, gate);
        return report.emit(result, spec.commandLine().getOut());
    }

    private TrustPolicy trust() {
        TrustPolicy trust = trustOptions.policy();
        if (trust.trustsNothing()) {
            throw new ParameterException(spec.commandLine(), "no trusted keys: give --policy, --openpgp-keys,"
                    + " --allowed-signers or --x509-roots (without them no signature could be verified)");
        }
        return trust;
    }
}
