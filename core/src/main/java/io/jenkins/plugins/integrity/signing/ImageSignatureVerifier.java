package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Verifies an image's key-based signatures in either of cosign's layouts: the image's digest is resolved (a tag
 * is only a way to find it), then its {@code sha256-<hex>.sig} manifest read, where a signature counts only if
 * its payload blob matches its digest, the payload names this very digest, and a trusted key verifies the
 * signature over the payload; and its Sigstore bundle referrers, where a bundle counts only if its referrer's
 * subject is this image and a trusted key signed its statement {@code https://sigstore.dev/cosign/sign/v1}
 * about this very digest. A signature made for another image and copied here is refused for that reason.
 */
public final class ImageSignatureVerifier {
    private static final int MAX_PAYLOAD = 1 << 20;
    private final RegistryClient registry;
    private final List<PublicKey> trusted;
    private final KeylessPolicy keyless;

    public ImageSignatureVerifier(RegistryClient registry, List<PublicKey> trusted) {
        this(registry, trusted, null);
    }

    /** @param keyless how keyless signatures (a certificate in the layer's annotations) are trusted, or null */
    public ImageSignatureVerifier(RegistryClient registry, List<PublicKey> trusted, KeylessPolicy keyless) {
        this.registry = registry;
        this.trusted = List.copyOf(trusted);
        this.keyless = keyless;
    }

    /** The verdict for an image: VERIFIED with the key that verified, or why not, with every signature's reason. */
    public record Result(SignatureVerifier.Verdict verdict, Digest image, String reason) {}

    /**
     * The check of an image: its signature, and each required attestation (predicate type URIs), with one finding
     * each (INFO when it verifies, HIGH when not) judged by the gate.
     */
    public CheckResult check(ImageReference ref, List<String> requiredAttestations, Gate gate) throws IOException {
        Checked c = findings(ref, requiredAttestations);
        return result(c.findings(), gate, c.name() + ": " + c.verdict() + (requiredAttestations.isEmpty() ? ""
                : ", " + requiredAttestations.size() + " attestation(s) required"), 1, List.of(c.subject()));
    }

    /**
     * The check of several images, each through the client for its registry: one finding per image and per
     * required attestation, all judged together. @throws IOException naming the image that cannot be read
     */
    public static CheckResult checkAll(List<ImageReference> refs, java.util.function.Function<String, RegistryClient> clients,
            List<PublicKey> trusted, KeylessPolicy keyless, List<String> requiredAttestations, Gate gate)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<Subject> subjects = new ArrayList<>();
        Map<SignatureVerifier.Verdict, Integer> counts = new java.util.EnumMap<>(SignatureVerifier.Verdict.class);
        for (ImageReference ref : refs) {
            Checked c;
            try {
                c = new ImageSignatureVerifier(clients.apply(ref.registry()), trusted, keyless).findings(ref,
                        requiredAttestations);
            } catch (IOException e) {
                throw new IOException(ref + ": " + e.getMessage(), e);
            }
            findings.addAll(c.findings());
            subjects.add(c.subject());
            counts.merge(c.verdict(), 1, Integer::sum);
        }
        StringBuilder summary = new StringBuilder(refs.size() + " image" + (refs.size() == 1 ? "" : "s") + ":");
        counts.forEach((v, n) -> summary.append(' ').append(n).append(' ').append(v).append(','));
        summary.setLength(summary.length() - 1);
        return result(findings, gate, summary + (requiredAttestations.isEmpty() ? ""
                : ", " + requiredAttestations.size() + " attestation(s) required of each"), refs.size(), subjects);
    }

    private record Checked(String name, SignatureVerifier.Verdict verdict, List<Finding> findings, Subject subject) {}

    private Checked findings(ImageReference ref, List<String> requiredAttestations) throws IOException {
        Result r = verify(ref);
        String name = ref.registry() + "/" + ref.repository() + "@" + r.image();
        List<Finding> findings = new ArrayList<>();
        findings.add(finding(r.verdict().rule(), r.verdict() == SignatureVerifier.Verdict.VERIFIED,
                r.verdict() + ": " + r.reason(), name, r.verdict().name()));
        Attestations attestations = new Attestations(registry);
        for (String type : requiredAttestations) {
            Attestations.Verified a = attestations.verify(ref.withDigest(r.image()), trusted, type);
            findings.add(finding(a.ok() ? "attestation-verified" : "attestation-missing", a.ok(), type + ": "
                    + a.reason(), name, type));
        }
        return new Checked(name, r.verdict(), findings, new Subject(name, Map.of(r.image().algorithm(), r.image().hex())));
    }

    private static CheckResult result(List<Finding> findings, Gate gate, String summary, int images,
            List<Subject> subjects) {
        List<Finding> failing = findings.stream().filter(f -> f.severity() != Severity.INFO).toList();
        return new CheckResult(SignatureVerifier.CHECK, failing.isEmpty() ? Status.PASS : gate.judge(failing), summary,
                findings, Map.of("images", images), subjects);
    }

    private static Finding finding(String rule, boolean ok, String message, String name, String key) {
        return new Finding(rule, ok ? Severity.INFO : Severity.HIGH, message, Location.ofFile(name),
                Digests.sha256Hex(SignatureVerifier.CHECK, name, key));
    }

    public Result verify(ImageReference ref) throws IOException {
        String repo = ref.repository();
        Digest image = ref.digest() != null ? ref.digest() : registry.manifest(repo, ref.tag()).digest();
        JsonNode layers = CosignLayout.layers(registry, repo, CosignLayout.signatureTag(image));
        List<String> reasons = new ArrayList<>();
        for (JsonNode l : layers == null ? new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode() : layers) {
            if (!CosignLayout.PAYLOAD_TYPE.equals(l.path("mediaType").asText())) {
                reasons.add("a layer of the unknown media type '" + l.path("mediaType").asText() + "'");
                continue;
            }
            Outcome o = check(repo, image, l);
            if (o.verified()) {
                return new Result(SignatureVerifier.Verdict.VERIFIED, image, o.message() + " ("
                        + CosignLayout.signatureTag(image) + ")");
            }
            reasons.add(o.message());
        }
        BundleReferrers.Found referred = new BundleReferrers(registry).find(repo, image, trusted,
                BundleReferrers.SIGN_PREDICATE);
        if (referred.predicate() != null) {
            return new Result(SignatureVerifier.Verdict.VERIFIED, image, "signed by a trusted key (a Sigstore bundle"
                    + " referrer)");
        }
        reasons.addAll(referred.reasons());
        if (layers == null && !referred.any()) {
            return new Result(SignatureVerifier.Verdict.MISSING_BUNDLE, image, "the image " + image + " has no "
                    + CosignLayout.signatureTag(image) + " signatures and no Sigstore bundle referrer");
        }
        return new Result(SignatureVerifier.Verdict.BAD_SIGNATURE, image, reasons.isEmpty() ? "no signature"
                : String.join("; ", reasons));
    }

    /** Whether one signature layer verifies for this image, and in words who signed it or why it does not. */
    private record Outcome(boolean verified, String message) {
        static Outcome no(String why) {
            return new Outcome(false, why);
        }
    }

    private Outcome check(String repo, Digest image, JsonNode layer) {
        byte[] payload;
        try {
            payload = CosignLayout.fetch(registry, repo, layer, MAX_PAYLOAD, "payload");
        } catch (IllegalArgumentException | IOException e) {
            return Outcome.no("the payload cannot be fetched or does not match its digest (" + e.getMessage() + ")");
        }
        Digest signed;
        try {
            signed = CosignLayout.signedDigest(payload);
        } catch (IllegalArgumentException e) {
            return Outcome.no(e.getMessage());
        }
        if (!signed.equals(image)) {
            return Outcome.no("a signature of another image (" + signed + "), not of " + image);
        }
        byte[] sig;
        JsonNode annotations = layer.path("annotations");
        try {
            sig = Base64.getDecoder().decode(annotations.path(CosignLayout.SIGNATURE_ANNOTATION).asText(""));
        } catch (IllegalArgumentException e) {
            return Outcome.no("a signature annotation that is not base64");
        }
        if (annotations.hasNonNull(CosignLayout.CERTIFICATE_ANNOTATION)) {
            return checkKeyless(payload, sig, annotations);
        }
        return PublicKeys.anyVerifies(trusted, payload, sig) ? new Outcome(true, "signed by a trusted key")
                : Outcome.no("no trusted key verifies the signature");
    }

    /** A keyless signature: the certificate's key, the Rekor bundle, the chain and the identity policy. */
    private Outcome checkKeyless(byte[] payload, byte[] sig, JsonNode annotations) {
        if (keyless == null) {
            return Outcome.no("a keyless signature, and no certificate identity and OIDC issuer were given to trust");
        }
        byte[] der = Pem.decode(annotations.path(CosignLayout.CERTIFICATE_ANNOTATION).asText(""), "CERTIFICATE");
        java.security.cert.X509Certificate cert;
        try {
            if (der == null) {
                throw new IllegalArgumentException("not PEM");
            }
            cert = FulcioCertificate.parse(der);
            if (!PublicKeys.anyVerifies(List.of(PublicKeys.of(cert)), payload, sig)) {
                return Outcome.no("the certificate's key does not verify the signature");
            }
        } catch (IllegalArgumentException e) {
            return Outcome.no("a certificate annotation that cannot be used (" + e.getMessage() + ")");
        }
        List<TlogEntry> entries = new ArrayList<>();
        if (annotations.hasNonNull(CosignLayout.BUNDLE_ANNOTATION)) {
            try {
                entries.add(CosignLayout.parseRekorBundle(annotations.path(CosignLayout.BUNDLE_ANNOTATION).asText()));
            } catch (IllegalArgumentException e) {
                return Outcome.no("a Rekor bundle annotation that cannot be read (" + e.getMessage() + ")");
            }
        }
        SignatureVerifier.Result r = new KeylessCheck(keyless).judge(entries, cert, der,
                java.util.HexFormat.of().parseHex(Digest.sha256(payload).hex()), sig);
        return r.verdict() == SignatureVerifier.Verdict.VERIFIED ? new Outcome(true, "keyless, " + r.reason())
                : Outcome.no(r.verdict() + ": " + r.reason());
    }
}
