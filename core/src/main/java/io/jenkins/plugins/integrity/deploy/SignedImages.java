package io.jenkins.plugins.integrity.deploy;

import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.secrets.Glob;
import io.jenkins.plugins.integrity.signing.ImageSignatureVerifier;
import io.jenkins.plugins.integrity.signing.KeylessPolicy;
import io.jenkins.plugins.integrity.signing.SignatureVerifier;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The signature policy for the images that manifests and Compose files name: every image in scope (its
 * {@code registry/repository} matched by one of the globs, or every image when none is given) must carry a
 * signature that the verifier accepts for the digest the reference resolves to. An image that cannot be
 * verified (a registry that cannot be reached, a reference that is not a registry's, a template placeholder)
 * is a finding too: nothing is taken as signed by default. Each distinct reference is verified once.
 */
public final class SignedImages {
    /** More distinct images than this in one check are findings, not registry requests. */
    static final int MAX_IMAGES = 500;
    private static final String RULE = "k8s-image-unsigned";

    /** Verifies one registry image's signatures; an IOException when the registry cannot tell. */
    @FunctionalInterface
    public interface Verifier {
        ImageSignatureVerifier.Result verify(ImageReference ref) throws IOException;
    }

    private final List<Glob> scope;
    private final boolean denyOthers;
    private final Verifier verifier;

    /** @param scope globs over {@code registry/repository} ({@code registry.example.com/team/**}); empty for all */
    public SignedImages(List<String> scope, Verifier verifier) {
        this(scope, false, verifier);
    }

    /**
     * @param denyOthers whether an image outside the scope is a finding (as a policy controller's "no match: deny"),
     *     rather than left unverified; it is never contacted either way
     */
    public SignedImages(List<String> scope, boolean denyOthers, Verifier verifier) {
        if (denyOthers && scope.isEmpty()) {
            throw new IllegalArgumentException("denying the images outside the scope needs a scope (the images that"
                    + " must be signed)");
        }
        this.scope = scope.stream().map(Glob::new).toList();
        this.denyOthers = denyOthers;
        this.verifier = verifier;
    }

    /**
     * The policy that trusts these keys (and, when not null, keyless signatures under this policy), reaching each
     * registry through the client made for its host, once.
     */
    public static SignedImages trusting(List<String> scope, boolean denyOthers,
            java.util.function.Function<String, RegistryClient> clients, List<PublicKey> keys, KeylessPolicy keyless) {
        Map<String, RegistryClient> made = new HashMap<>();
        return new SignedImages(scope, denyOthers, ref -> new ImageSignatureVerifier(made.computeIfAbsent(ref.registry(), clients),
                keys, keyless).verify(ref));
    }

    /** The findings, and how many distinct images were verified, failed, or were out of scope. */
    record Outcome(List<Finding> findings, int verified, int unsigned, int outOfScope) {}

    Outcome check(List<ImageUse> uses) {
        Map<String, String> failures = new HashMap<>(); // reference -> why it is not verified; null when verified
        int outOfScope = 0;
        List<Finding> findings = new ArrayList<>();
        java.util.Set<String> skipped = new java.util.HashSet<>();
        for (ImageUse use : uses) {
            String ref = use.image().strip();
            if (skipped.contains(ref)) {
                continue;
            }
            if (!failures.containsKey(ref)) {
                ImageReference parsed = null;
                String why;
                try {
                    parsed = ImageReference.parse(ref);
                    why = parsed.transport() == ImageReference.Transport.REGISTRY ? null
                            : "not an image in a registry, where signatures are";
                } catch (IllegalArgumentException e) {
                    why = "not an image reference (" + e.getMessage() + ")";
                }
                if (why == null && !inScope(parsed)) {
                    outOfScope++;
                    if (!denyOthers) {
                        skipped.add(ref);
                        continue;
                    }
                    why = "is from none of the repositories the signature policy covers (" + scope.stream()
                            .map(Glob::toString).collect(java.util.stream.Collectors.joining(", ")) + "), and others"
                            + " are denied";
                }
                if (why == null) {
                    why = failures.size() >= MAX_IMAGES ? "not verified: more than " + MAX_IMAGES + " distinct images"
                            + " in one check" : verify(parsed);
                }
                failures.put(ref, why);
            }
            String why = failures.get(ref);
            if (why != null) {
                DeployRule r = DeployRules.get(RULE);
                findings.add(new Finding(RULE, r.severity(), use.object() + " (document " + (use.document() + 1) + ", "
                        + use.path() + "): image " + ref + " " + why, new Location(use.file(), use.line(), 0, null),
                        Digests.sha256Hex(DeployCheck.CHECK, RULE, use.file(), Integer.toString(use.document()),
                                use.path())));
            }
        }
        int unsigned = (int) failures.values().stream().filter(java.util.Objects::nonNull).count();
        return new Outcome(findings, failures.size() - unsigned, unsigned, outOfScope);
    }

    private boolean inScope(ImageReference ref) {
        String name = ref.registry() + "/" + ref.repository();
        return scope.isEmpty() || scope.stream().anyMatch(g -> g.matches(name));
    }

    /** Null when a trusted signature verifies for the image's digest, else why not. */
    private String verify(ImageReference ref) {
        try {
            ImageSignatureVerifier.Result r = verifier.verify(ref);
            if (r.verdict() == SignatureVerifier.Verdict.VERIFIED) {
                return null;
            }
            return "(" + r.image() + ") has no valid signature: " + r.verdict() + ", " + r.reason();
        } catch (IOException | RuntimeException e) {
            return "cannot be verified: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
