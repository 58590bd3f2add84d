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
    /** Predicate type to workspace file (signing), or the predicate types required (verifying). */
    private Map<String, String> attestations = Map.of();

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

    /** Signing: also attest these predicates (type to workspace file); verifying: also require these types. */
    ImageSignatureCallable withAttestations(Map<String, String> typeToFile) {
        this.attestations = Map.copyOf(typeToFile);
        return this;
    }

    /** {@code cyclonedx}/{@code sbom} and {@code slsa}/{@code provenance} as their predicate type URIs. */
    static String predicateType(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "cyclonedx", "sbom" -> Attestations.CYCLONEDX;
            case "slsa", "provenance" -> Attestations.SLSA_PROVENANCE;
            default -> name.trim();
        };
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
                List<Finding> attested = new ArrayList<>();
                Path base = workspace.toPath().toAbsolutePath().normalize();
                for (Map.Entry<String, String> a : new java.util.TreeMap<>(attestations).entrySet()) {
                    Path file = SecretScanCallable.WorkspacePaths.inside(base, a.getValue());
                    if (!Files.isRegularFile(file)) {
                        throw new io.jenkins.plugins.integrity.check.InvalidInputException(a.getValue(), "no such file");
                    }
                    new Attestations(registry).attest(ref.withDigest(s.image()), key, a.getKey(), Files.readAllBytes(file));
                    attested.add(new Finding("image-attested", Severity.INFO, a.getKey() + " from " + a.getValue(),
                            Location.ofFile(name), Digests.sha256Hex(check, name, a.getKey())));
                }
                List<Finding> findings = new ArrayList<>(List.of(new Finding("image-signed", Severity.INFO,
                        "signature in " + repo + ":" + s.signatureTag(), Location.ofFile(name), Digests.sha256Hex(check,
                                name))));
                findings.addAll(attested);
                return Json.write(new CheckResult(check, Status.PASS, name + " signed with " + key.algorithm() + " key "
                        + key.hint().substring(0, 12) + " (" + repo + ":" + s.signatureTag() + ")"
                        + (attested.isEmpty() ? "" : ", " + attested.size() + " attestation(s)"), findings,
                        Map.of("images", 1),
                        List.of(new Subject(name, Map.of(s.image().algorithm(), s.image().hex())))));
            }
            List<PublicKey> trusted = new ArrayList<>();
            for (String pem : trustedPems) {
                trusted.add(PublicKeys.fromPem(pem));
            }
            ImageSignatureVerifier.Result r = new ImageSignatureVerifier(registry, trusted).verify(ref);
            String name = repo + "@" + r.image();
            boolean ok = r.verdict() == SignatureVerifier.Verdict.VERIFIED;
            List<Finding> findings = new ArrayList<>();
            findings.add(new Finding("signature-" + r.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    ok ? Severity.INFO : Severity.HIGH, r.verdict() + ": " + r.reason(), Location.ofFile(name),
                    Digests.sha256Hex(check, name, r.verdict().name())));
            for (String type : new java.util.TreeSet<>(attestations.keySet())) {
                Attestations.Verified a = new Attestations(registry).verify(ref.withDigest(r.image()), trusted, type);
                ok &= a.ok();
                findings.add(new Finding(a.ok() ? "attestation-verified" : "attestation-missing", a.ok() ? Severity.INFO
                        : Severity.HIGH, type + ": " + a.reason(), Location.ofFile(name),
                        Digests.sha256Hex(check, name, type)));
            }
            List<Finding> failing = findings.stream().filter(x -> x.severity() != Severity.INFO).toList();
            Status status = ok ? Status.PASS : Gate.parse(failOn).judge(failing);
            return Json.write(new CheckResult(check, status, name + ": " + r.verdict() + (attestations.isEmpty() ? ""
                    : ", " + attestations.size() + " attestation(s) required"), findings, Map.of("images", 1),
                    List.of(new Subject(name, Map.of(r.image().algorithm(), r.image().hex())))));
        } catch (io.jenkins.plugins.integrity.check.InvalidInputException e) {
            return Json.write(CheckResult.error(check, e.getMessage(), List.of(Subject.named(image))));
        } catch (IllegalArgumentException | IOException e) {
            return Json.write(CheckResult.error(check, image + ": " + e.getMessage(), List.of(Subject.named(image))));
        }
    }
}
