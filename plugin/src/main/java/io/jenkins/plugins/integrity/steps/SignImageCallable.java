package io.jenkins.plugins.integrity.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.RegistryCredentials;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.signing.Attestations;
import io.jenkins.plugins.integrity.signing.FulcioClient;
import io.jenkins.plugins.integrity.signing.ImageLayout;
import io.jenkins.plugins.integrity.signing.ImageSigner;
import io.jenkins.plugins.integrity.signing.KeylessSigner;
import io.jenkins.plugins.integrity.signing.OidcToken;
import io.jenkins.plugins.integrity.signing.RekorClient;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.MasterToSlaveFileCallable;

/**
 * Signs an image in its registry from the agent (the registry is reached from where the build runs), with a key
 * (and attests workspace predicates with it) or keyless. The key, token and registry password cross the channel;
 * only the result comes back.
 */
final class SignImageCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final String image;
    private final String keyPem;
    private final char[] passphrase;
    private final String identityToken;
    private final String fulcioUrl;
    private final String rekorUrl;
    private final String username;
    private final String password;
    private final boolean plainHttp;
    /** The predicates to attest, by type, from workspace files. */
    private final Map<String, String> attest;
    /** Where to write ({@code tag}, {@code referrer}, comma-separated). */
    private final String layout;

    private SignImageCallable(String image, String keyPem, char[] passphrase, String identityToken, String fulcioUrl,
            String rekorUrl, String[] login, boolean plainHttp, Map<String, String> attest, String layout) {
        this.image = image;
        this.keyPem = keyPem;
        this.passphrase = passphrase == null ? null : passphrase.clone();
        this.identityToken = identityToken;
        this.fulcioUrl = fulcioUrl;
        this.rekorUrl = rekorUrl;
        this.username = login[0];
        this.password = login[1];
        this.plainHttp = plainHttp;
        this.attest = Map.copyOf(attest);
        this.layout = layout;
    }

    /** @param attest predicate type to the workspace file to attest */
    static SignImageCallable withKey(String image, String pem, char[] passphrase, String[] login, boolean plainHttp,
            Map<String, String> attest, String layout) {
        return new SignImageCallable(image, pem, passphrase, null, null, null, login, plainHttp, attest, layout);
    }

    static SignImageCallable keyless(String image, String token, String fulcioUrl, String rekorUrl, String[] login,
            boolean plainHttp) {
        return new SignImageCallable(image, null, null, token, fulcioUrl, rekorUrl, login, plainHttp, Map.of(), "tag");
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) {
        String check = SignFilesCallable.CHECK;
        try {
            ImageReference ref = ImageReference.parse(image);
            if (ref.transport() != ImageReference.Transport.REGISTRY) {
                return Json.write(CheckResult.error(check, image + ": signatures live in a registry; push the image first",
                        List.of(Subject.named(image))));
            }
            RegistryClient registry = new RegistryClient(ref.registry(), username == null ? null
                    : new RegistryCredentials(username, password), plainHttp);
            String repo = ref.registry() + "/" + ref.repository();
            Set<ImageLayout> layouts = ImageLayout.parse(layout);
            ImageSigner.Signed s;
            String how;
            List<Finding> attested = new ArrayList<>();
            if (keyPem == null) {
                KeylessSigner.Certified certified = new KeylessSigner(new FulcioClient(fulcioUrl), new RekorClient(rekorUrl))
                        .certify(OidcToken.parse(identityToken));
                s = new ImageSigner(registry, layouts).signKeyless(ref, certified);
                how = "keyless, logged in " + rekorUrl;
            } else {
                SigningKey key = SigningKey.fromPem(keyPem, passphrase);
                s = new ImageSigner(registry, layouts).sign(ref, key);
                how = "with " + key.algorithm() + " key " + key.hint().substring(0, 12);
                Path base = workspace.toPath().toAbsolutePath().normalize();
                for (Map.Entry<String, String> a : new java.util.TreeMap<>(attest).entrySet()) {
                    Path file = SecretScanCallable.WorkspacePaths.inside(base, a.getValue());
                    if (!Files.isRegularFile(file)) {
                        throw new InvalidInputException(a.getValue(), "no such file");
                    }
                    new Attestations(registry, layouts).attest(ref.withDigest(s.image()), key, a.getKey(),
                            Files.readAllBytes(file));
                    attested.add(new Finding("image-attested", Severity.INFO, a.getKey() + " from " + a.getValue(),
                            Location.ofFile(repo + "@" + s.image()), Digests.sha256Hex(check, repo + "@" + s.image(),
                                    a.getKey())));
                }
            }
            String name = repo + "@" + s.image();
            List<Finding> findings = new ArrayList<>(List.of(new Finding("image-signed", Severity.INFO,
                    "signature in " + s.where(repo), Location.ofFile(name), Digests.sha256Hex(check, name))));
            findings.addAll(attested);
            return Json.write(new CheckResult(check, Status.PASS, name + " signed " + how + " (" + s.where(repo) + ")"
                    + (attested.isEmpty() ? "" : ", " + attested.size() + " attestation(s)"), findings, Map.of("images", 1),
                    List.of(new Subject(name, Map.of(s.image().algorithm(), s.image().hex())))));
        } catch (InvalidInputException e) {
            return Json.write(CheckResult.error(check, e.getMessage(), List.of(Subject.named(image))));
        } catch (IllegalArgumentException | IOException e) {
            return Json.write(CheckResult.error(check, image + ": " + e.getMessage(), List.of(Subject.named(image))));
        }
    }
}
