package io.jenkins.plugins.integrity.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads OCI (and Docker v2) indexes and manifests, choosing an index's entry by tag or platform. */
final class Manifests {
    /** No index, manifest or config of a real image comes near this. */
    static final int MAX_DOCUMENT = 4 << 20;
    static final String REF_NAME = "org.opencontainers.image.ref.name";

    private Manifests() {}

    /** An image manifest: its config's descriptor and its layers' in order. */
    record ImageManifest(Descriptor config, List<Descriptor> layers) {}

    static JsonNode json(byte[] bytes, String what) {
        try {
            JsonNode n = new ObjectMapper().readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON");
        }
    }

    /** The media type a document declares, else the one it was served with. */
    static String mediaType(JsonNode doc, String servedAs) {
        JsonNode mt = doc.get("mediaType");
        if (mt != null && mt.isTextual()) {
            return mt.asText();
        }
        if (servedAs != null && !servedAs.isBlank()) {
            return servedAs.split(";")[0].trim();
        }
        // an OCI document may leave mediaType out: an index has manifests, a manifest has config and layers
        return doc.has("manifests") ? MediaTypes.OCI_INDEX : doc.has("layers") ? MediaTypes.OCI_MANIFEST : "";
    }

    static boolean isIndex(String mediaType) {
        return MediaTypes.INDEXES.contains(mediaType);
    }

    static List<Descriptor> entries(JsonNode index, String what) {
        JsonNode m = index.get("manifests");
        if (m == null || !m.isArray()) {
            throw new IllegalArgumentException(what + " has no manifests list");
        }
        List<Descriptor> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            out.add(Descriptor.parse(m.get(i), what + " manifests[" + i + "]"));
        }
        return out;
    }

    /** The entry of an OCI layout's index.json named by the tag, or its only entry when no tag is given. */
    static Descriptor byTag(JsonNode index, String tag, String what) {
        List<Descriptor> entries = entries(index, what);
        if (tag == null) {
            if (entries.size() == 1) {
                return entries.get(0);
            }
            throw new IllegalArgumentException(what + " holds " + entries.size() + " images; name one with :TAG ("
                    + tags(entries) + ")");
        }
        return entries.stream().filter(d -> tag.equals(d.annotations().get(REF_NAME))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(what + " has no image tagged '" + tag + "' ("
                        + tags(entries) + ")"));
    }

    private static String tags(List<Descriptor> entries) {
        String t = entries.stream().map(d -> d.annotations().get(REF_NAME)).filter(s -> s != null)
                .collect(Collectors.joining(", "));
        return t.isEmpty() ? "none is tagged" : "tags: " + t;
    }

    /** The image of a multi-platform index for the platform: the only image, or the one that runs there. */
    static Descriptor byPlatform(JsonNode index, Platform wanted, String what) {
        List<Descriptor> images = new ArrayList<>();
        for (Descriptor d : entries(index, what)) {
            boolean attestation = "attestation-manifest".equals(d.annotations().get("vnd.docker.reference.type"))
                    || d.platform() != null && d.platform().os().equals("unknown");
            if (!attestation) {
                images.add(d);
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException(what + " lists no image");
        }
        for (Descriptor d : images) {
            if (wanted.accepts(d.platform())) {
                return d;
            }
        }
        if (images.size() == 1 && images.get(0).platform() == null) {
            return images.get(0);
        }
        throw new IllegalArgumentException(what + " has no image for " + wanted + " (it has " + images.stream()
                .map(d -> d.platform() == null ? "?" : d.platform().toString()).collect(Collectors.joining(", "))
                + "); choose one with --platform");
    }

    static ImageManifest manifest(JsonNode doc, String mediaType, String what) {
        if (!MediaTypes.MANIFESTS.contains(mediaType)) {
            throw new IllegalArgumentException(what + " is of media type '" + mediaType + "', not an image manifest");
        }
        Descriptor config = Descriptor.parse(doc.get("config"), what + " config");
        if (config.mediaType() != null && !MediaTypes.CONFIGS.contains(config.mediaType())) {
            throw new IllegalArgumentException(what + " is an artifact of type " + config.mediaType()
                    + ", not a container image");
        }
        JsonNode layers = doc.get("layers");
        if (layers == null || !layers.isArray()) {
            throw new IllegalArgumentException(what + " has no layers list");
        }
        List<Descriptor> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            out.add(Descriptor.parse(layers.get(i), what + " layers[" + i + "]"));
        }
        return new ImageManifest(config, out);
    }

    /** The layers of a manifest joined to the config's diff_ids and history; their counts must agree. */
    static List<Layer> layers(ImageManifest m, ImageConfig config, String what) {
        if (m.layers().size() != config.diffIds().size()) {
            throw new IllegalArgumentException(what + " has " + m.layers().size() + " layers but its configuration "
                    + config.diffIds().size() + " diff_ids");
        }
        List<String> commands = config.layerCommands();
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < m.layers().size(); i++) {
            Descriptor d = m.layers().get(i);
            out.add(new Layer(i, d.mediaType(), d.digest(), d.size(), config.diffIds().get(i), commands.get(i)));
        }
        return out;
    }

    /** Reads a small document, refusing more than {@link #MAX_DOCUMENT} bytes. */
    static byte[] readSmall(java.io.InputStream in, String what) throws IOException {
        byte[] b = in.readNBytes(MAX_DOCUMENT + 1);
        if (b.length > MAX_DOCUMENT) {
            throw new VerifyingInputStream.IntegrityException(what + " is larger than " + (MAX_DOCUMENT >> 20)
                    + " MiB, more than any image document");
        }
        return b;
    }

    /** Reads a blob named by a descriptor, checking its size and digest. */
    static byte[] readVerified(java.io.InputStream in, Descriptor d, String what) throws IOException {
        if (d.size() > MAX_DOCUMENT) {
            throw new VerifyingInputStream.IntegrityException(what + " is larger than " + (MAX_DOCUMENT >> 20)
                    + " MiB, more than any image document");
        }
        try (VerifyingInputStream v = new VerifyingInputStream(in, d.digest(), d.size(), what)) {
            byte[] b = v.readAllBytes();
            v.drain();
            return b;
        }
    }
}
