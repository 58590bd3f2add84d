package io.jenkins.plugins.integrity.oci;

import java.util.List;

/**
 * An image found and checked as far as its small documents go: its name, the digest of its manifest (null
 * for a {@code docker save} archive, which holds none), the platform chosen, its configuration and layers.
 */
public record ResolvedImage(String name, Digest manifestDigest, Platform platform, Digest configDigest,
        ImageConfig config, List<Layer> layers) {
    public ResolvedImage {
        layers = List.copyOf(layers);
    }
}
