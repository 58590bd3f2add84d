package io.jenkins.plugins.integrity.oci;

/**
 * One layer of an image: how its blob is stored (media type, digest and size, or null and -1 where a
 * {@code docker save} archive does not say) and the digest of its uncompressed tar (the config's diff_id).
 */
public record Layer(int index, String mediaType, Digest blobDigest, long size, Digest diffId, String createdBy) {
    /** The digest that names this layer in reports: the blob's, else the uncompressed tar's. */
    public String id() {
        return blobDigest != null ? blobDigest.toString() : diffId != null ? diffId.toString() : "layer " + index;
    }
}
