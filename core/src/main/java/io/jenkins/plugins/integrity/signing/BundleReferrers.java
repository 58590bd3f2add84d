package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.Referrers;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sigstore bundles attached to images as OCI 1.1 referrers, in the layout cosign 3 reads and writes
 * (https://github.com/sigstore/cosign/blob/main/specs/BUNDLE_SPEC.md): a referrer of artifact type
 * {@code application/vnd.dev.sigstore.bundle.v0.3+json} holding a bundle whose DSSE envelope signs an in-toto
 * statement about the image (an image signature is the predicate {@code https://sigstore.dev/cosign/sign/v1}),
 * annotated with the bundle's content and predicate type and when it was made.
 */
public final class BundleReferrers {
    /** The predicate type of an image signature in a bundle, as cosign 3 writes it. */
    public static final String SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1";
    static final String CONTENT_ANNOTATION = "dev.sigstore.bundle.content";
    static final String PREDICATE_ANNOTATION = "dev.sigstore.bundle.predicateType";
    private static final int MAX_BUNDLE = 32 << 20;
    private final RegistryClient registry;
    private final Referrers referrers;

    public BundleReferrers(RegistryClient registry) {
        this.registry = registry;
        this.referrers = new Referrers(registry);
    }

    /** Attaches a bundle of a DSSE envelope signing a statement of this predicate type about the image. */
    Digest attach(String repo, Digest image, SigstoreBundle bundle, String predicateType) throws IOException {
        return referrers.attach(repo, image, SigstoreBundle.MEDIA_TYPE, bundle.toJson().getBytes(StandardCharsets.UTF_8),
                Map.of(CONTENT_ANNOTATION, "dsse-envelope", PREDICATE_ANNOTATION, predicateType,
                        "org.opencontainers.image.created", java.time.Instant.now().toString()));
    }

    /** A bundle referrer that verified, with its statement's predicate, or why none did (null reasons: none). */
    record Found(JsonNode predicate, List<String> reasons, boolean any) {}

    /** Looks for a bundle referrer of the image with a statement of this type that a trusted key signed. */
    Found find(String repo, Digest image, List<PublicKey> trusted, String predicateType) throws IOException {
        List<Referrers.Referrer> found;
        try {
            found = referrers.list(repo, image, SigstoreBundle.MEDIA_TYPE);
        } catch (IllegalArgumentException e) {
            return new Found(null, List.of(e.getMessage()), true);
        }
        List<String> reasons = new ArrayList<>();
        boolean any = false;
        for (Referrers.Referrer r : found) {
            String annotated = r.annotations().get(PREDICATE_ANNOTATION);
            if (annotated != null && !annotated.equals(predicateType)) {
                continue; // another kind of bundle: not a candidate, not a failure
            }
            any = true;
            try {
                SigstoreBundle bundle = SigstoreBundle.parse(referrers.content(repo, image, r, MAX_BUNDLE));
                if (bundle.envelope() == null) {
                    reasons.add("a bundle referrer without a DSSE envelope (" + r.manifest() + ")");
                    continue;
                }
                if (bundle.certificate() != null) {
                    reasons.add("a keyless bundle referrer, not verified for images yet (" + r.manifest() + ")");
                    continue;
                }
                Attestations.Checked c = Attestations.check(bundle.envelope(), trusted, predicateType, image);
                if (c.predicate() != null) {
                    return new Found(c.predicate(), List.of(), true);
                }
                reasons.add(c.reason() + " (bundle referrer " + r.manifest() + ")");
            } catch (IllegalArgumentException | IOException e) {
                reasons.add("a bundle referrer that cannot be read (" + e.getMessage() + ")");
            }
        }
        return new Found(null, reasons, any);
    }
}
