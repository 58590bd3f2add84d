package io.jenkins.plugins.integrity.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.RegistryCredentials;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.signing.ImageSignatureVerifier;
import io.jenkins.plugins.integrity.signing.ImageSigner;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import io.jenkins.plugins.integrity.signing.SignatureVerifier;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.io.File;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Signs an image in its registry, or verifies its signatures, from the agent: the registry is reached from
 * where the build runs. Keys and the registry password cross the channel; only the result comes back.
 */
final class ImageSignatureCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final String image;
    private final String signingPem;
    private final char[] passphrase;
    private final List<String> trustedPems;
    private final String username;
    private final String password;
    private final boolean plainHttp;
    private final String failOn;

    private ImageSignatureCallable(String image, String signingPem, char[] passphrase, List<String> trustedPems,
            String username, String password, boolean plainHttp, String failOn) {
        this.image = image;
        this.signingPem = signingPem;
        this.passphrase = passphrase == null ? null : passphrase.clone();
        this.trustedPems = trustedPems == null ? List.of() : List.copyOf(trustedPems);
        this.username = username;
        this.password = password;
        this.plainHttp = plainHttp;
        this.failOn = failOn;
    }

    static ImageSignatureCallable sign(String image, String pem, char[] passphrase, String user, String password,
            boolean plainHttp) {
        return new ImageSignatureCallable(image, pem, passphrase, null, user, password, plainHttp, null);
    }

    static ImageSignatureCallable verify(String image, List<String> trusted, String user, String password,
            boolean plainHttp, String failOn) {
        return new ImageSignatureCallable(image, null, null, trusted, user, password, plainHttp, failOn);
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) {
        String check = signingPem != null ? SignFilesCallable.CHECK : SignatureVerifier.CHECK;
        try {
            ImageReference ref = ImageReference.parse(image);
            if (ref.transport() != ImageReference.Transport.REGISTRY) {
                return Json.write(CheckResult.error(check, image + ": signatures live in a registry; push the image first",
                        List.of(Subject.named(image))));
            }
            RegistryClient registry = new RegistryClient(ref.registry(), username == null ? null
                    : new RegistryCredentials(username, password), plainHttp);
            String repo = ref.registry() + "/" + ref.repository();
            if (signingPem != null) {
                SigningKey key = SigningKey.fromPem(signingPem, passphrase);
                ImageSigner.Signed s = new ImageSigner(registry).sign(ref, key);
                String name = repo + "@" + s.image();
                return Json.write(new CheckResult(check, Status.PASS, name + " signed with " + key.algorithm() + " key "
                        + key.hint().substring(0, 12) + " (" + repo + ":" + s.signatureTag() + ")",
                        List.of(new Finding("image-signed", Severity.INFO, "signature in " + repo + ":" + s.signatureTag(),
                                Location.ofFile(name), Digests.sha256Hex(check, name))), Map.of("images", 1),
                        List.of(new Subject(name, Map.of(s.image().algorithm(), s.image().hex())))));
            }
            List<PublicKey> trusted = new ArrayList<>();
            for (String pem : trustedPems) {
                trusted.add(PublicKeys.fromPem(pem));
            }
            ImageSignatureVerifier.Result r = new ImageSignatureVerifier(registry, trusted).verify(ref);
            String name = repo + "@" + r.image();
            boolean ok = r.verdict() == SignatureVerifier.Verdict.VERIFIED;
            Finding f = new Finding("signature-" + r.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    ok ? Severity.INFO : Severity.HIGH, r.verdict() + ": " + r.reason(), Location.ofFile(name),
                    Digests.sha256Hex(check, name, r.verdict().name()));
            Status status = ok ? Status.PASS : Gate.parse(failOn).judge(List.of(f));
            return Json.write(new CheckResult(check, status, name + ": " + r.verdict(), List.of(f), Map.of("images", 1),
                    List.of(new Subject(name, Map.of(r.image().algorithm(), r.image().hex())))));
        } catch (IllegalArgumentException | IOException e) {
            return Json.write(CheckResult.error(check, image + ": " + e.getMessage(), List.of(Subject.named(image))));
        }
    }
}
