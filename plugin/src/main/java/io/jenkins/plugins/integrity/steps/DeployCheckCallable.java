package io.jenkins.plugins.integrity.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.deploy.DeployCheck;
import io.jenkins.plugins.integrity.deploy.SignedImages;
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
    private final List<String> images;
    private final String platform;
    private final String username;
    private final String password;
    private final boolean plainHttp;
    private final ImageTrust trust;

    /**
     * @param images built images whose configurations to check: registry references, or local ones in the workspace
     * @param trust whom the images the files name must be signed by, or null to verify no signature
     */
    DeployCheckCallable(List<String> paths, List<String> allow, String failOn, List<String> images, String platform,
            String[] login, boolean plainHttp, ImageTrust trust) {
        this.paths = List.copyOf(paths);
        this.allow = List.copyOf(allow);
        this.failOn = failOn;
        this.images = List.copyOf(images);
        this.platform = platform;
        this.username = login[0];
        this.password = login[1];
        this.plainHttp = plainHttp;
        this.trust = trust;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) {
        Path base = workspace.toPath().toAbsolutePath().normalize();
        try {
            List<Path> roots = new ArrayList<>();
            for (String p : paths.isEmpty() && images.isEmpty() ? List.of(".") : paths) {
                roots.add(SecretScanCallable.WorkspacePaths.inside(base, p));
            }
            java.util.Map<String, io.jenkins.plugins.integrity.oci.ImageConfig> configs = new java.util.LinkedHashMap<>();
            for (String i : images) {
                try (var source = io.jenkins.plugins.integrity.oci.ImageSources.open(SbomCallable.workspaceImage(base, i),
                        new io.jenkins.plugins.integrity.oci.ImageSources.Options(platform == null
                                ? io.jenkins.plugins.integrity.oci.Platform.LINUX_AMD64
                                : io.jenkins.plugins.integrity.oci.Platform.of(platform), username == null ? null : new io.jenkins.plugins.integrity.oci
                                .RegistryCredentials(username, password), plainHttp))) {
                    configs.put(i, source.image().config());
                } catch (java.io.IOException e) {
                    throw new InvalidInputException(i, e.getMessage() == null ? "cannot be read" : e.getMessage());
                }
            }
            List<DeployCheck.Allow> allows = new ArrayList<>();
            for (String a : allow) {
                allows.add(DeployCheck.Allow.parse(a));
            }
            io.jenkins.plugins.integrity.oci.RegistryCredentials login = username == null ? null
                    : new io.jenkins.plugins.integrity.oci.RegistryCredentials(username, password);
            SignedImages signed;
            try {
                signed = trust == null ? null : trust.policy(host -> new io.jenkins.plugins.integrity.oci.RegistryClient(
                        host, login, plainHttp));
            } catch (IllegalArgumentException e) {
                return Json.write(CheckResult.error(DeployCheck.CHECK, "the images' signature policy: " + e.getMessage(),
                        List.of()));
            }
            return Json.write(DeployCheck.check(roots, configs, signed, base, allows, Gate.parse(failOn)));
        } catch (InvalidInputException e) {
            return Json.write(CheckResult.error(DeployCheck.CHECK, e.getMessage(), List.of()));
        } catch (IllegalArgumentException e) {
            return Json.write(CheckResult.error(DeployCheck.CHECK, "allow: " + e.getMessage(), List.of()));
        } catch (java.io.IOException e) {
            return Json.write(CheckResult.error(DeployCheck.CHECK, "cannot be read: " + e.getMessage(), List.of()));
        }
    }
}
