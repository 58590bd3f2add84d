package io.jenkins.plugins.integrity.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.deploy.DeployCheck;
import io.jenkins.plugins.integrity.report.Json;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/** Checks the workspace's deployment files on the agent; findings name files relative to the workspace. */
final class DeployCheckCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final List<String> paths;
    private final List<String> allow;
    private final String failOn;

    DeployCheckCallable(List<String> paths, List<String> allow, String failOn) {
        this.paths = List.copyOf(paths);
        this.allow = List.copyOf(allow);
        this.failOn = failOn;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) {
        Path base = workspace.toPath().toAbsolutePath().normalize();
        try {
            List<Path> roots = new ArrayList<>();
            for (String p : paths.isEmpty() ? List.of(".") : paths) {
                roots.add(SecretScanCallable.WorkspacePaths.inside(base, p));
            }
            List<DeployCheck.Allow> allows = new ArrayList<>();
            for (String a : allow) {
                allows.add(DeployCheck.Allow.parse(a));
            }
            return Json.write(DeployCheck.check(roots, base, allows, Gate.parse(failOn)));
        } catch (InvalidInputException e) {
            return Json.write(CheckResult.error(DeployCheck.CHECK, e.getMessage(), List.of()));
        } catch (IllegalArgumentException e) {
            return Json.write(CheckResult.error(DeployCheck.CHECK, "allow: " + e.getMessage(), List.of()));
        } catch (java.io.IOException e) {
            return Json.write(CheckResult.error(DeployCheck.CHECK, "cannot be read: " + e.getMessage(), List.of()));
        }
    }
}
