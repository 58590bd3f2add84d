package io.jenkins.plugins.integrity.steps;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.signing.ArtifactSigner;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Signs the workspace's files that the patterns select, on the agent that holds them, writing each bundle
 * beside its file ({@code FILE.sigstore.json}). The key's PEM and passphrase cross the channel to the agent;
 * only the result comes back.
 */
final class SignFilesCallable extends MasterToSlaveFileCallable<String> {
    static final String CHECK = "signing";
    private static final long serialVersionUID = 1L;
    private final String includes;
    private final String excludes;
    private final String keyPem;
    private final char[] passphrase;

    SignFilesCallable(String includes, String excludes, String keyPem, char[] passphrase) {
        this.includes = includes;
        this.excludes = excludes;
        this.keyPem = keyPem;
        this.passphrase = passphrase == null ? null : passphrase.clone();
    }

    /** The workspace's files the patterns select, never a bundle; none when there is no workspace yet. */
    static FilePath[] select(File workspace, String includes, String excludes) throws IOException, InterruptedException {
        String skip = excludes == null ? "**/*.sigstore.json" : excludes + ",**/*.sigstore.json";
        return workspace.isDirectory() ? new FilePath(workspace).list(includes, skip) : new FilePath[0];
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path base = workspace.toPath().toAbsolutePath().normalize();
        SigningKey key;
        try {
            key = SigningKey.fromPem(keyPem, passphrase);
        } catch (IllegalArgumentException e) {
            return Json.write(CheckResult.error(CHECK, "the signing key: " + e.getMessage(), List.of()));
        }
        FilePath[] selected = select(workspace, includes, excludes);
        if (selected.length == 0) {
            return Json.write(CheckResult.error(CHECK, "no file matches '" + includes + "'", List.of()));
        }
        ArtifactSigner signer = new ArtifactSigner(key);
        List<Finding> findings = new ArrayList<>();
        List<Subject> subjects = new ArrayList<>();
        try {
            for (FilePath f : selected) {
                Path p = Path.of(f.getRemote()).toAbsolutePath().normalize();
                if (!p.toRealPath().startsWith(base.toRealPath())) {
                    throw new InvalidInputException(base.relativize(p).toString(), "leads outside the workspace");
                }
                String rel = base.relativize(p).toString().replace('\\', '/');
                var bundle = signer.signFile(p);
                Files.writeString(p.resolveSibling(p.getFileName() + ".sigstore.json"), bundle.toJson(),
                        StandardCharsets.UTF_8);
                String hex = java.util.HexFormat.of().formatHex(bundle.messageSignature().sha256());
                findings.add(new Finding("artifact-signed", Severity.INFO, "signed with " + key.algorithm() + " key "
                        + key.hint().substring(0, 12) + "; bundle " + rel + ".sigstore.json", Location.ofFile(rel),
                        Digests.sha256Hex(CHECK, rel, hex)));
                subjects.add(new Subject(rel, Map.of("sha256", hex)));
            }
        } catch (InvalidInputException e) {
            return Json.write(CheckResult.error(CHECK, e.getMessage(), subjects));
        }
        return Json.write(new CheckResult(CHECK, Status.PASS, selected.length + " file" + (selected.length == 1 ? "" : "s")
                + " signed with " + key.algorithm() + " key " + key.hint().substring(0, 12), findings,
                Map.of("files", selected.length), subjects));
    }
}
