package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.MediaTypes;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import java.io.IOException;
import java.util.Base64;

/**
 * Signs an image in a registry by its manifest digest, never its tag, with a key, in cosign's layout: the
 * payload naming the digest is pushed as a layer of the {@code sha256-<hex>.sig} manifest, which keeps the
 * image's earlier signatures.
 */
public final class ImageSigner {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        Digest payloadDigest = registry.pushBlob(repo, payload);
        String signature = Base64.getEncoder().encodeToString(key.sign(payload));
        String tag = CosignLayout.signatureTag(image);
        ArrayNode layers = JSON.createArrayNode();
        RegistryClient.Fetched existing = registry.manifestIfPresent(repo, tag);
        if (existing != null) {
            for (JsonNode l : JSON.readTree(existing.bytes()).path("layers")) {
                if (!payloadDigest.toString().equals(l.path("digest").asText())
                        || !signature.equals(l.path("annotations").path(CosignLayout.SIGNATURE_ANNOTATION).asText())) {
                    layers.add(l);
                }
            }
        }
        ObjectNode layer = layers.addObject().put("mediaType", CosignLayout.PAYLOAD_TYPE)
                .put("size", payload.length).put("digest", payloadDigest.toString());
        layer.putObject("annotations").put(CosignLayout.SIGNATURE_ANNOTATION, signature);
        ObjectNode config = JSON.createObjectNode().put("architecture", "").put("os", "");
        config.putObject("config");
        ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.path("digest").asText()));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        Digest configDigest = registry.pushBlob(repo, configBytes);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config").put("mediaType", MediaTypes.OCI_CONFIG).put("size", configBytes.length)
                .put("digest", configDigest.toString());
        manifest.set("layers", layers);
        registry.pushManifest(repo, tag, JSON.writeValueAsBytes(manifest), MediaTypes.OCI_MANIFEST);
        return new Signed(image, tag);
    }
}
