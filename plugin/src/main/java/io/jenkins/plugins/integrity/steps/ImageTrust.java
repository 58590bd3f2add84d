package io.jenkins.plugins.integrity.steps;

import io.jenkins.plugins.integrity.deploy.SignedImages;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Whom the images that deployment files name must be signed by, as it crosses the channel to the agent: the
 * trusted keys' PEM text, the keyless trust (or null), the globs of the images in scope, and whether the others
 * are denied.
 */
record ImageTrust(List<String> pems, KeylessTrust keyless, List<String> scope, boolean denyOthers)
        implements java.io.Serializable {
    ImageTrust {
        pems = List.copyOf(pems);
        scope = List.copyOf(scope);
    }

    /** @throws IllegalArgumentException when a key, the trusted root or a pattern cannot be used */
    SignedImages policy(Function<String, RegistryClient> clients) {
        List<PublicKey> keys = new ArrayList<>();
        for (String pem : pems) {
            keys.add(PublicKeys.fromPem(pem));
        }
        return SignedImages.trusting(scope, denyOthers, clients, keys, keyless == null ? null : keyless.policy());
    }
}
