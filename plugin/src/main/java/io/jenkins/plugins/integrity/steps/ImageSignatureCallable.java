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
import io.jenkins.plugins.integrity.signing.Attestations;
import io.jenkins.plugins.integrity.signing.ImageSignatureVerifier;
import io.jenkins.plugins.integrity.signing.ImageLayout;
import io.jenkins.plugins.integrity.signing.ImageSigner;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import io.jenkins.plugins.integrity.signing.SignatureVerifier;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** Signing: the predicates to attest, by type, from workspace files. */
    private final Map<String, String> attest;
    /** Verifying: the predicate types the image's attestations must include. */
    private final List<String> required;
    /** Signing: where to write ({@code tag}, {@code referrer}, comma-separated). */
    private final String layout;

    private ImageSignatureCallable(String image, String signingPem, char[] passphrase, List<String> trustedPems,
            String username, String password, boolean plainHttp, String failOn, Map<String, String> attest,
            List<String> required, String layout) {
        this.image = image;
        this.signingPem = signingPem;
        this.passphrase = passphrase == null ? null : passphrase.clone();
        this.trustedPems = trustedPems == null ? List.of() : List.copyOf(trustedPems);
        this.username = username;
        this.password = password;
        this.plainHttp = plainHttp;
        this.failOn = failOn;
        this.attest = Map.copyOf(attest);
        this.required = List.copyOf(required);
        this.layout = layout;
    }

    /** @param attest predicate type to the workspace file to attest */
    static ImageSignatureCallable sign(String image, String pem, char[] passphrase, String user, String password,
            boolean plainHttp, Map<String, String> attest, String layout) {
        return new ImageSignatureCallable(image, pem, passphrase, null, user, password, plainHttp, null, attest, List.of(),
                layout);
    }

    /** @param required the predicate types of the attestations the image must carry */
    static ImageSignatureCallable verify(String image, List<String> trusted, String user, String password,
            boolean plainHttp, String failOn, List<String> required) {
        return new ImageSignatureCallable(image, null, null, trusted, user, password, plainHttp, failOn, Map.of(),
                required, null);
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
                java.util.Set<ImageLayout> layouts = ImageLayout.parse(layout);
                ImageSigner.Signed s = new ImageSigner(registry, layouts).sign(ref, key);
                String name = repo + "@" + s.image();
                List<Finding> attested = new ArrayList<>();
                Path base = workspace.toPath().toAbsolutePath().normalize();
                for (Map.Entry<String, String> a : new java.util.TreeMap<>(attest).entrySet()) {
                    Path file = SecretScanCallable.WorkspacePaths.inside(base, a.getValue());
                    if (!Files.isRegularFile(file)) {
                        throw new io.jenkins.plugins.integrity.check.InvalidInputException(a.getValue(), "no such file");
                    }
                    new Attestations(registry, layouts).attest(ref.withDigest(s.image()), key, a.getKey(),
                            Files.readAllBytes(file));
                    attested.add(new Finding("image-attested", Severity.INFO, a.getKey() + " from " + a.getValue(),
                            Location.ofFile(name), Digests.sha256Hex(check, name, a.getKey())));
                }
                List<Finding> findings = new ArrayList<>(List.of(new Finding("image-signed", Severity.INFO,
                        "signature in " + s.where(repo), Location.ofFile(name), Digests.sha256Hex(check,
                                name))));
                findings.addAll(attested);
                return Json.write(new CheckResult(check, Status.PASS, name + " signed with " + key.algorithm() + " key "
                        + key.hint().substring(0, 12) + " (" + s.where(repo) + ")"
                        + (attested.isEmpty() ? "" : ", " + attested.size() + " attestation(s)"), findings,
                        Map.of("images", 1),
                        List.of(new Subject(name, Map.of(s.image().algorithm(), s.image().hex())))));
            }
            List<PublicKey> trusted = new ArrayList<>();
            for (String pem : trustedPems) {
                trusted.add(PublicKeys.fromPem(pem));
            }
            return Json.write(new ImageSignatureVerifier(registry, trusted).check(ref, required, Gate.parse(failOn)));
        } catch (io.jenkins.plugins.integrity.check.InvalidInputException e) {
            return Json.write(CheckResult.error(check, e.getMessage(), List.of(Subject.named(image))));
        } catch (IllegalArgumentException | IOException e) {
            return Json.write(CheckResult.error(check, image + ": " + e.getMessage(), List.of(Subject.named(image))));
        }
    }
}
