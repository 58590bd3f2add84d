package io.jenkins.plugins.integrity.signing;

import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * Signs an image in a registry by its manifest digest, never its tag, with a key, in cosign's layout: the
 * payload naming the digest is pushed as a layer of the {@code sha256-<hex>.sig} manifest, which keeps the
 * image's earlier signatures.
 */
public final class ImageSigner {
    private final RegistryClient registry;

    public ImageSigner(RegistryClient registry) {
        this.registry = registry;
    }

    /** What was signed: the image's digest and where its signatures are. */
    public record Signed(Digest image, String signatureTag) {}

    public Signed sign(ImageReference ref, SigningKey key) throws IOException {
        String repo = ref.repository();
        Digest image = ref.digest() != null ? ref.digest() : registry.manifest(repo, ref.tag()).digest();
        byte[] payload = CosignLayout.payload(ref.registry() + "/" + repo, image);
        String signature = Base64.getEncoder().encodeToString(key.sign(payload));
        String payloadDigest = Digest.sha256(payload).toString();
        String tag = CosignLayout.signatureTag(image);
        // the same signature of the same payload again replaces itself rather than standing twice
        CosignLayout.addLayer(registry, repo, tag, CosignLayout.PAYLOAD_TYPE, payload,
                Map.of(CosignLayout.SIGNATURE_ANNOTATION, signature),
                l -> payloadDigest.equals(l.path("digest").asText())
                        && signature.equals(l.path("annotations").path(CosignLayout.SIGNATURE_ANNOTATION).asText()));
        return new Signed(image, tag);
    }
}
