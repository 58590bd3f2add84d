package io.jenkins.plugins.integrity.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an image's configuration (OCI image config, or Docker's, which shares these fields) that say
 * how it runs and how it was built: user, environment, entrypoint, labels, the layers' uncompressed digests
 * and the build history. https://github.com/opencontainers/image-spec/blob/main/config.md
 */
public record ImageConfig(String os, String architecture, String user, List<String> env, List<String> entrypoint,
        List<String> cmd, Map<String, String> labels, List<Digest> diffIds, List<History> history,
        List<String> exposedPorts) {
    public ImageConfig {
        exposedPorts = List.copyOf(exposedPorts);
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        labels = Map.copyOf(labels);
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }

    /** One build step: the command that made it, and whether it left a layer. */
    public record History(String createdBy, boolean emptyLayer) {}

    /** @throws IllegalArgumentException when the bytes are not an image configuration */
    public static ImageConfig parse(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the image configuration is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the image configuration is not a JSON object");
        }
        JsonNode rootfs = root.path("rootfs");
        if (!rootfs.path("diff_ids").isArray()) {
            throw new IllegalArgumentException("the image configuration has no rootfs.diff_ids");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode d : rootfs.path("diff_ids")) {
            try {
                diffIds.add(Digest.parse(d.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the image configuration's rootfs.diff_ids: " + e.getMessage());
            }
        }
        JsonNode config = root.path("config");
        Map<String, String> labels = new LinkedHashMap<>();
        if (config.path("Labels").isObject()) {
            config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        List<History> history = new ArrayList<>();
        for (JsonNode h : root.path("history")) {
            history.add(new History(h.path("created_by").asText(""), h.path("empty_layer").asBoolean(false)));
        }
        return new ImageConfig(root.path("os").asText(""), root.path("architecture").asText(""),
                config.path("User").asText(""), strings(config.path("Env")), strings(config.path("Entrypoint")),
                strings(config.path("Cmd")), labels, diffIds, history, ports(config.path("ExposedPorts")));
    }

    /** {@code ExposedPorts}: an object whose keys are {@code PORT/PROTOCOL}. */
    private static List<String> ports(JsonNode exposed) {
        List<String> out = new ArrayList<>();
        if (exposed.isObject()) {
            exposed.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** The build command that made each layer, in layer order, where the history says (else empty strings). */
    public List<String> layerCommands() {
        List<String> out = new ArrayList<>();
        for (History h : history) {
            if (!h.emptyLayer()) {
                out.add(h.createdBy());
            }
        }
        while (out.size() < diffIds.size()) {
            out.add("");
        }
        return out.subList(0, diffIds.size());
    }

    /** Whether the image's processes start as root: no user, or user 0 or root (with any group). */
    public boolean runsAsRoot() {
        return isRoot(user);
    }

    /** Whether a {@code USER} value ({@code name}, {@code uid}, {@code name:group}) is root, or no user at all. */
    public static boolean isRoot(String user) {
        String u = user == null ? "" : user.trim();
        int colon = u.indexOf(':');
        String name = colon >= 0 ? u.substring(0, colon) : u;
        return name.isEmpty() || name.equals("root") || name.matches("0+");
    }
}
