package io.jenkins.plugins.integrity.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/** Follows an OCI index (a layout's index.json, or a registry's) down to one image's manifest and config. */
final class LayoutResolver {
    /** How deep indexes may nest (an index of indexes of manifests is already unusual). */
    private static final int MAX_NESTING = 4;

    /** Opens a stored blob by its digest. */
    interface Blobs {
        InputStream open(Descriptor d) throws IOException;
    }

    private LayoutResolver() {}

    /** @param entry the descriptor chosen from the top index (by tag, or a registry's manifest) */
    static ResolvedImage resolve(String name, Descriptor entry, Platform platform, Blobs blobs) throws IOException {
        byte[] bytes = Manifests.readVerified(blobs.open(entry), entry, "manifest " + entry.digest());
        return fromDocument(name, entry.digest(), bytes, entry.mediaType(), platform, blobs, 0);
    }

    /** Resolves a fetched document (an index or a manifest) whose digest is already checked. */
    static ResolvedImage fromDocument(String name, Digest digest, byte[] bytes, String servedAs, Platform platform,
            Blobs blobs, int depth) throws IOException {
        String what = "manifest " + digest;
        JsonNode doc = Manifests.json(bytes, what);
        String mt = Manifests.mediaType(doc, servedAs);
        if (Manifests.isIndex(mt)) {
            if (depth >= MAX_NESTING) {
                throw new IllegalArgumentException(what + ": indexes nest more than " + MAX_NESTING + " deep");
            }
            Descriptor next = Manifests.byPlatform(doc, platform, "index " + digest);
            byte[] nb = Manifests.readVerified(blobs.open(next), next, "manifest " + next.digest());
            return fromDocument(name, next.digest(), nb, next.mediaType(), platform, blobs, depth + 1);
        }
        Manifests.ImageManifest m = Manifests.manifest(doc, mt, what);
        byte[] configBytes = Manifests.readVerified(blobs.open(m.config()), m.config(), "config " + m.config().digest());
        ImageConfig config = ImageConfig.parse(configBytes);
        Platform actual = config.os().isEmpty() ? null : new Platform(config.os(), config.architecture(), null);
        return new ResolvedImage(name, digest, actual, m.config().digest(), config,
                Manifests.layers(m, config, what));
    }
}
