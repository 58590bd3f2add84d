package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.oci.Digest;
import java.io.IOException;

/**
 * The registry layout cosign reads and writes for image signatures
 * (https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md): a manifest tagged
 * {@code sha256-<hex>.sig} in the image's repository, one layer per signature, each a simple-signing payload
 * naming the image's manifest digest, with the signature in the layer's {@code dev.cosignproject.cosign/signature}
 * annotation.
 */
final class CosignLayout {
    static final String PAYLOAD_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    static final String SIGNATURE_TYPE = "cosign container image signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CosignLayout() {}

    /** {@code sha256-<hex>.sig}: the tag of the signatures of the image with this manifest digest. */
    static String signatureTag(Digest image) {
        return image.algorithm() + "-" + image.hex() + ".sig";
    }

    /** The simple-signing payload that a signature over it binds to the image's digest. */
    static byte[] payload(String dockerReference, Digest image) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode critical = root.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", image.toString());
        critical.put("type", SIGNATURE_TYPE);
        root.putNull("optional");
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a payload could not be written", e);
        }
    }

    /** The image digest a payload names, after checking its type; throws IllegalArgumentException otherwise. */
    static Digest signedDigest(byte[] payload) {
        try {
            var root = JSON.readTree(payload);
            var critical = root.path("critical");
            if (!SIGNATURE_TYPE.equals(critical.path("type").asText())) {
                throw new IllegalArgumentException("the payload is not a cosign container image signature");
            }
            return Digest.parse(critical.path("image").path("docker-manifest-digest").asText(null));
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not JSON");
        }
    }
}
