package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Verifies an image's key-based signatures in cosign's layout: the image's digest is resolved (a tag is only a
 * way to find it), its {@code sha256-<hex>.sig} manifest read, and a signature counts only if its payload
 * blob matches its digest, the payload names this very digest, and a trusted key verifies the signature over
 * the payload. A signature made for another image and copied here is refused for that reason.
 */
public final class ImageSignatureVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAYLOAD = 1 << 20;
    private final RegistryClient registry;
    private final List<PublicKey> trusted;

    public ImageSignatureVerifier(RegistryClient registry, List<PublicKey> trusted) {
        this.registry = registry;
        this.trusted = List.copyOf(trusted);
    }

    /** The verdict for an image: VERIFIED with the key that verified, or why not, with every signature's reason. */
    public record Result(SignatureVerifier.Verdict verdict, Digest image, String reason) {}

    public Result verify(ImageReference ref) throws IOException {
        String repo = ref.repository();
        Digest image = ref.digest() != null ? ref.digest() : registry.manifest(repo, ref.tag()).digest();
        RegistryClient.Fetched sigs = registry.manifestIfPresent(repo, CosignLayout.signatureTag(image));
        if (sigs == null) {
            return new Result(SignatureVerifier.Verdict.MISSING_BUNDLE, image, "the image " + image + " has no "
                    + CosignLayout.signatureTag(image) + " signatures");
        }
        JsonNode layers = JSON.readTree(sigs.bytes()).path("layers");
        List<String> reasons = new ArrayList<>();
        for (JsonNode l : layers) {
            if (!CosignLayout.PAYLOAD_TYPE.equals(l.path("mediaType").asText())) {
                reasons.add("a layer of the unknown media type '" + l.path("mediaType").asText() + "'");
                continue;
            }
            String why = check(repo, image, l);
            if (why == null) {
                return new Result(SignatureVerifier.Verdict.VERIFIED, image, "signed by a trusted key");
            }
            reasons.add(why);
        }
        return new Result(SignatureVerifier.Verdict.BAD_SIGNATURE, image, reasons.isEmpty() ? "no signature"
                : String.join("; ", reasons));
    }

    /** Null when the signature layer verifies for this image, else why not. */
    private String check(String repo, Digest image, JsonNode layer) {
        byte[] payload;
        Digest digest;
        try {
            digest = Digest.parse(layer.path("digest").asText(null));
            long size = layer.path("size").asLong(-1);
            if (size < 0 || size > MAX_PAYLOAD) {
                return "a payload of no or an implausible size";
            }
            try (InputStream in = new VerifyingInputStream(registry.blob(repo, digest), digest, size, "payload " + digest)) {
                payload = in.readAllBytes();
            }
        } catch (IllegalArgumentException | IOException e) {
            return "the payload cannot be fetched or does not match its digest (" + e.getMessage() + ")";
        }
        Digest signed;
        try {
            signed = CosignLayout.signedDigest(payload);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!signed.equals(image)) {
            return "a signature of another image (" + signed + "), not of " + image;
        }
        String b64 = layer.path("annotations").path(CosignLayout.SIGNATURE_ANNOTATION).asText("");
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return "a signature annotation that is not base64";
        }
        for (PublicKey k : trusted) {
            try {
                Signature s = Signature.getInstance(KeyAlgorithm.of(k).jcaName(), SigningKey.BC);
                s.initVerify(k);
                s.update(payload);
                if (s.verify(sig)) {
                    return null;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature verifies nothing
            }
        }
        return "no trusted key verifies the signature";
    }
}
