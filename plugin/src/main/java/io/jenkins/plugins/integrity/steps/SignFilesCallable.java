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
import io.jenkins.plugins.integrity.signing.FulcioClient;
import io.jenkins.plugins.integrity.signing.KeylessSigner;
import io.jenkins.plugins.integrity.signing.OidcToken;
import io.jenkins.plugins.integrity.signing.RekorClient;
import io.jenkins.plugins.integrity.signing.SigstoreBundle;
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
 * beside its file ({@code FILE.sigstore.json}): with a key, whose PEM and passphrase cross the channel to the
 * agent, or keyless, with the identity token (the agent asks Fulcio and Rekor). Only the result comes back, and
 * no bundle is written unless every file was signed.
 */
final class SignFilesCallable extends MasterToSlaveFileCallable<String> {
    static final String CHECK = "signing";
    private static final long serialVersionUID = 1L;
    private final String includes;
    private final String excludes;
    private final String keyPem;
    private final char[] passphrase;
    private final String identityToken;
    private final String fulcioUrl;
    private final String rekorUrl;

    private SignFilesCallable(String includes, String excludes, String keyPem, char[] passphrase, String identityToken,
            String fulcioUrl, String rekorUrl) {
        this.includes = includes;
        this.excludes = excludes;
        this.keyPem = keyPem;
        this.passphrase = passphrase == null ? null : passphrase.clone();
        this.identityToken = identityToken;
        this.fulcioUrl = fulcioUrl;
        this.rekorUrl = rekorUrl;
    }

    static SignFilesCallable withKey(String includes, String excludes, String keyPem, char[] passphrase) {
        return new SignFilesCallable(includes, excludes, keyPem, passphrase, null, null, null);
    }

    static SignFilesCallable keyless(String includes, String excludes, String identityToken, String fulcioUrl,
            String rekorUrl) {
        return new SignFilesCallable(includes, excludes, null, null, identityToken, fulcioUrl, rekorUrl);
    }

    /** The workspace's files the patterns select, never a bundle; none when there is no workspace yet. */
    static FilePath[] select(File workspace, String includes, String excludes) throws IOException, InterruptedException {
        String skip = excludes == null ? "**/*.sigstore.json" : excludes + ",**/*.sigstore.json";
        return workspace.isDirectory() ? new FilePath(workspace).list(includes, skip) : new FilePath[0];
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path base = workspace.toPath().toAbsolutePath().normalize();
        FilePath[] selected = select(workspace, includes, excludes);
        if (selected.length == 0) {
            return Json.write(CheckResult.error(CHECK, "no file matches '" + includes + "'", List.of()));
        }
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (FilePath f : selected) {
            Path p = Path.of(f.getRemote()).toAbsolutePath().normalize();
            if (!p.toRealPath().startsWith(base.toRealPath())) {
                return Json.write(CheckResult.error(CHECK, base.relativize(p) + ": leads outside the workspace", List.of()));
            }
            files.add(p);
            names.add(base.relativize(p).toString().replace('\\', '/'));
        }
        List<SigstoreBundle> bundles;
        String how;
        try {
            if (keyPem != null) {
                SigningKey key = SigningKey.fromPem(keyPem, passphrase);
                ArtifactSigner signer = new ArtifactSigner(key);
                bundles = new ArrayList<>();
                for (Path p : files) {
                    bundles.add(signer.signFile(p));
                }
                how = key.algorithm() + " key " + key.hint().substring(0, 12);
            } else {
                KeylessSigner.Signed signed = new KeylessSigner(new FulcioClient(fulcioUrl), new RekorClient(rekorUrl))
                        .signFiles(files, OidcToken.parse(identityToken));
                bundles = signed.bundles();
                how = "keyless as " + signed.identity() + ", logged in " + rekorUrl;
            }
        } catch (IllegalArgumentException e) {
            return Json.write(CheckResult.error(CHECK, (keyPem != null ? "the signing key: " : "keyless signing: ")
                    + e.getMessage(), List.of()));
        } catch (InvalidInputException | IOException e) {
            return Json.write(CheckResult.error(CHECK, e.getMessage(), List.of()));
        }
        List<Finding> findings = new ArrayList<>();
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String rel = names.get(i);
            SigstoreBundle bundle = bundles.get(i);
            Files.writeString(files.get(i).resolveSibling(files.get(i).getFileName() + ".sigstore.json"), bundle.toJson(),
                    StandardCharsets.UTF_8);
            String hex = java.util.HexFormat.of().formatHex(bundle.messageSignature().sha256());
            findings.add(new Finding("artifact-signed", Severity.INFO, "signed " + how + "; bundle " + rel
                    + ".sigstore.json", Location.ofFile(rel), Digests.sha256Hex(CHECK, rel, hex)));
            subjects.add(new Subject(rel, Map.of("sha256", hex)));
        }
        return Json.write(new CheckResult(CHECK, Status.PASS, files.size() + " file" + (files.size() == 1 ? "" : "s")
                + " signed " + how, findings, Map.of("files", files.size()), subjects));
    }
}
