package io.jenkins.plugins.integrity.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.secrets.Baseline;
import io.jenkins.plugins.integrity.secrets.GitHistoryScanner;
import io.jenkins.plugins.integrity.secrets.Glob;
import io.jenkins.plugins.integrity.secrets.RuleSet;
import io.jenkins.plugins.integrity.secrets.RuleSets;
import io.jenkins.plugins.integrity.secrets.ScanRequest;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * The secret scan, run on the agent that holds the workspace. Only strings cross the channel: the options
 * in, the result's JSON out. Paths outside the workspace are refused.
 */
final class SecretScanCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final List<String> includes;
    private final List<String> excludes;
    private final String failOn;
    private final String config;
    private final String baseline;
    private final boolean history;
    private final String since;

    SecretScanCallable(String path, List<String> includes, List<String> excludes, String failOn, String config,
            String baseline, boolean history, String since) {
        this.path = path;
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        this.failOn = failOn;
        this.config = config;
        this.baseline = baseline;
        this.history = history;
        this.since = since;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException {
        Path base = workspace.toPath().toAbsolutePath().normalize();
        String shown = path == null ? "." : path;
        try {
            Path root = WorkspacePaths.inside(base, path);
            ScanRequest request = ScanRequest.of(List.of(root), base)
                    .withIncludes(includes.stream().map(Glob::new).toList())
                    .withExcludes(excludes.stream().map(Glob::new).toList())
                    .withGate(Gate.parse(failOn))
                    .withBaseline(baseline == null ? Baseline.NONE
                            : Baseline.read(WorkspacePaths.inside(base, baseline)));
            RuleSet rules = config == null ? RuleSet.builtIn() : RuleSets.load(WorkspacePaths.inside(base, config));
            SecretScanner scanner = new SecretScanner(rules);
            return Json.write(history ? new GitHistoryScanner(scanner).scan(root, since, request) : scanner.scan(request));
        } catch (InvalidInputException e) {
            return Json.write(CheckResult.error(SecretScanner.CHECK, e.getMessage(), List.of(Subject.named(shown))));
        }
    }

    /** Resolves a step's {@code path} parameter inside the workspace, refusing anything that leaves it. */
    static final class WorkspacePaths {
        private WorkspacePaths() {}

        static Path inside(Path workspace, String path) throws IOException {
            if (path == null) {
                return workspace;
            }
            Path candidate = workspace.resolve(path).normalize();
            if (!candidate.startsWith(workspace)) {
                throw new InvalidInputException(path, "is outside the workspace");
            }
            if (Files.exists(candidate) && !candidate.toRealPath().startsWith(workspace.toRealPath())) {
                throw new InvalidInputException(path, "leads outside the workspace through a symbolic link");
            }
            return candidate;
        }
    }
}
