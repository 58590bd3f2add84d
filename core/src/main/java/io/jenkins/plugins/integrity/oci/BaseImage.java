package io.jenkins.plugins.integrity.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The base image an image declares it was built on, by the OCI image-spec annotations
 * {@code org.opencontainers.image.base.name} and {@code org.opencontainers.image.base.digest} of its manifest
 * (or index), as BuildKit and other builders write them.
 */
public record BaseImage(String name, Digest digest) {
    public static final String NAME = "org.opencontainers.image.base.name";
    public static final String DIGEST = "org.opencontainers.image.base.digest";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The base the manifest declares, or null when it declares none, or declares it without a digest or with one
     * that is not a digest (nothing unverifiable is passed on).
     */
    public static BaseImage declared(byte[] manifest) {
        JsonNode annotations;
        try {
            annotations = JSON.readTree(manifest).path("annotations");
        } catch (IOException e) {
            return null;
        }
        String name = annotations.path(NAME).asText("").trim();
        String digest = annotations.path(DIGEST).asText("").trim();
        if (name.isEmpty() || digest.isEmpty() || name.length() > 512) {
            return null;
        }
        try {
            return new BaseImage(name, Digest.parse(digest));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
