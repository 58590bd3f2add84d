package io.jenkins.plugins.integrity.signing;

import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Signs an image in a registry by its manifest digest, never its tag, with a key, in both of cosign's layouts:
 * the simple-signing payload naming the digest as a layer of the {@code sha256-<hex>.sig} manifest (which keeps
 * the image's earlier signatures), and a Sigstore bundle referrer signing the statement
 * {@code https://sigstore.dev/cosign/sign/v1} about the digest (OCI 1.1 referrers, or the referrers tag where the
 * registry has no referrers API).
 */
public final class ImageSigner {
    private final RegistryClient registry;
    private final java.util.Set<ImageLayout> layouts;

    public ImageSigner(RegistryClient registry) {
        this(registry, ImageLayout.both());
    }

    /** @param layouts where to write the signature: cosign's tag, a bundle referrer, or both */
    public ImageSigner(RegistryClient registry, java.util.Set<ImageLayout> layouts) {
        this.registry = registry;
        this.layouts = java.util.Set.copyOf(layouts);
    }

    /**
     * What was signed: the image's digest, and where its signature was written: the cosign tag (or null) and the
     * bundle referrer's digest (or null).
     */
    public record Signed(Digest image, String signatureTag, Digest referrer) {
        /** Where the signature is, in words: {@code REPO:sha256-<hex>.sig and the referrer REPO@sha256:...}. */
        public String where(String repository) {
            List<String> parts = new java.util.ArrayList<>();
            if (signatureTag != null) {
                parts.add(repository + ":" + signatureTag);
            }
            if (referrer != null) {
                parts.add("the bundle referrer " + repository + "@" + referrer);
            }
            return String.join(" and ", parts);
        }
    }

    public Signed sign(ImageReference ref, SigningKey key) throws IOException {
        String repo = ref.repository();
        Digest image = ref.digest() != null ? ref.digest() : registry.manifest(repo, ref.tag()).digest();
        byte[] payload = CosignLayout.payload(ref.registry() + "/" + repo, image);
        String signature = Base64.getEncoder().encodeToString(key.sign(payload));
        String payloadDigest = Digest.sha256(payload).toString();
        String tag = layouts.contains(ImageLayout.TAG) ? CosignLayout.signatureTag(image) : null;
        Digest referrer = layouts.contains(ImageLayout.REFERRER) ? signReferrer(ref, image, key) : null;
        if (tag == null) {
            return new Signed(image, null, referrer);
        }
        // the same signature of the same payload again replaces itself rather than standing twice
        CosignLayout.addLayer(registry, repo, tag, CosignLayout.PAYLOAD_TYPE, payload,
                Map.of(CosignLayout.SIGNATURE_ANNOTATION, signature),
                l -> payloadDigest.equals(l.path("digest").asText())
                        && signature.equals(l.path("annotations").path(CosignLayout.SIGNATURE_ANNOTATION).asText()));
        return new Signed(image, tag, referrer);
    }

    /**
     * Signs keyless in cosign's tag layout: the payload signed with the certified ephemeral key, logged in Rekor,
     * the certificate, its chain and the Rekor bundle in the layer's annotations, as cosign writes them.
     */
    public Signed signKeyless(ImageReference ref, KeylessSigner.Certified certified) throws IOException {
        String repo = ref.repository();
        Digest image = ref.digest() != null ? ref.digest() : registry.manifest(repo, ref.tag()).digest();
        byte[] payload = CosignLayout.payload(ref.registry() + "/" + repo, image);
        KeylessSigner.Logged logged = certified.sign(payload);
        String signature = Base64.getEncoder().encodeToString(logged.signature().signature());
        StringBuilder chain = new StringBuilder();
        try {
            for (java.security.cert.X509Certificate c : certified.chain().subList(1, certified.chain().size())) {
                chain.append(Pem.encode("CERTIFICATE", c.getEncoded()));
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException("Fulcio's chain cannot be encoded");
        }
        Map<String, String> annotations = new java.util.TreeMap<>(Map.of(CosignLayout.SIGNATURE_ANNOTATION, signature,
                CosignLayout.CERTIFICATE_ANNOTATION, Pem.encode("CERTIFICATE", certified.certificateDer()),
                CosignLayout.CHAIN_ANNOTATION, chain.toString(),
                CosignLayout.BUNDLE_ANNOTATION, CosignLayout.rekorBundle(logged.entry())));
        String tag = CosignLayout.signatureTag(image);
        CosignLayout.addLayer(registry, repo, tag, CosignLayout.PAYLOAD_TYPE, payload, annotations, l -> false);
        return new Signed(image, tag, null);
    }

    private Digest signReferrer(ImageReference ref, Digest image, SigningKey key) throws IOException {
        byte[] statement = Attestations.statement(ref.registry() + "/" + ref.repository(), image,
                BundleReferrers.SIGN_PREDICATE, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
        SigstoreBundle bundle = SigstoreBundle.keyBased(key.hint(), null, Dsse.sign(Dsse.IN_TOTO, statement, key));
        return new BundleReferrers(registry).attach(ref.repository(), image, bundle, BundleReferrers.SIGN_PREDICATE);
    }
}
