package io.jenkins.plugins.integrity.steps;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.signing.KeylessPolicy;
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

/**
 * Verifies the workspace's selected files against their bundles, by the trusted public keys or keyless, on the
 * agent. Trust crosses the channel as text (PEM keys, the trusted root's JSON) and is read there.
 */
final class VerifyFilesCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final String includes;
    private final String excludes;
    private final List<String> publicKeyPems;
    private final KeylessTrust keyless;
    private final String failOn;
    private final PolicyRequest policy;

    /**
     * @param keyless null to refuse keyless bundles
     * @param policy the release policy to hold the files to, or null
     */
    VerifyFilesCallable(String includes, String excludes, List<String> publicKeyPems, KeylessTrust keyless,
            String failOn, PolicyRequest policy) {
        this.includes = includes;
        this.excludes = excludes;
        this.publicKeyPems = List.copyOf(publicKeyPems);
        this.keyless = keyless;
        this.failOn = failOn;
        this.policy = policy;
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
        KeylessPolicy keylessPolicy = null;
        if (keyless != null) {
            try {
                keylessPolicy = keyless.policy();
            } catch (IllegalArgumentException e) {
                return Json.write(CheckResult.error(SignatureVerifier.CHECK, "the keyless trust: " + e.getMessage(),
                        List.of()));
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
        Path base = workspace.toPath().toAbsolutePath().normalize();
        CheckResult signatures = new SignatureVerifier(trusted, keylessPolicy).verifyFiles(files,
                f -> SigstoreBundle.readBeside(f, null), base, Gate.parse(failOn));
        if (policy == null) {
            return Json.write(signatures);
        }
        try {
            var verifier = policy.verifier(base, trusted, Gate.parse(failOn));
            return Json.write(io.jenkins.plugins.integrity.provenance.PolicyCheck.combine(signatures, verifier.files(
                    files, base, policy.provenanceBytes(base), policy.provenance() == null ? "provenance" : policy.provenance())));
        } catch (io.jenkins.plugins.integrity.check.InvalidInputException e) {
            return Json.write(CheckResult.error(io.jenkins.plugins.integrity.provenance.PolicyCheck.CHECK, e.getMessage(),
                    List.of()));
        } catch (IllegalArgumentException e) {
            return Json.write(CheckResult.error(io.jenkins.plugins.integrity.provenance.PolicyCheck.CHECK,
                    "a provenance key: " + e.getMessage(), List.of()));
        }
    }
}
