package io.jenkins.plugins.integrity.steps;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import io.jenkins.plugins.integrity.signing.SignatureVerifier;
import io.jenkins.plugins.integrity.signing.SigstoreBundle;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/** Verifies the workspace's selected files against their bundles and the trusted public keys, on the agent. */
final class VerifyFilesCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final String includes;
    private final String excludes;
    private final List<String> publicKeyPems;
    private final String failOn;

    VerifyFilesCallable(String includes, String excludes, List<String> publicKeyPems, String failOn) {
        this.includes = includes;
        this.excludes = excludes;
        this.publicKeyPems = List.copyOf(publicKeyPems);
        this.failOn = failOn;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        List<PublicKey> trusted = new ArrayList<>();
        for (String pem : publicKeyPems) {
            try {
                trusted.add(PublicKeys.fromPem(pem));
            } catch (IllegalArgumentException e) {
                return Json.write(CheckResult.error(SignatureVerifier.CHECK, "a trusted key: " + e.getMessage(), List.of()));
            }
        }
        FilePath[] selected = SignFilesCallable.select(workspace, includes, excludes);
        if (selected.length == 0) {
            return Json.write(CheckResult.error(SignatureVerifier.CHECK, "no file matches '" + includes + "'", List.of()));
        }
        List<Path> files = new ArrayList<>();
        for (FilePath f : selected) {
            files.add(Path.of(f.getRemote()).toAbsolutePath().normalize());
        }
        return Json.write(new SignatureVerifier(trusted).verifyFiles(files, f -> SigstoreBundle.readBeside(f, null),
                workspace.toPath().toAbsolutePath().normalize(), Gate.parse(failOn)));
    }
}
