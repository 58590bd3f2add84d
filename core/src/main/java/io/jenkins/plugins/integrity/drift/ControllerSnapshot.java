package io.jenkins.plugins.integrity.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The security-relevant configuration of a Jenkins controller at one moment, as items keyed by kind and id, in
 * the documented JSON of {@code docs/formats.md} ({@code pipeline-integrity/controller-snapshot/v1}). Items are
 * kept sorted by key, so that two snapshots of the same state are the same bytes.
 *
 * @param source {@code jenkins-home} (read from disk) or {@code live} (read from the running controller)
 */
public record ControllerSnapshot(String source, String jenkinsVersion, Instant takenAt, List<SnapshotItem> items) {
    public static final String SCHEMA = "pipeline-integrity/controller-snapshot/v1";
    static final int MAX_SIZE = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ControllerSnapshot {
        Map<String, SnapshotItem> unique = new TreeMap<>();
        for (SnapshotItem i : items) {
            unique.putIfAbsent(i.key(), i);
        }
        items = List.copyOf(unique.values());
    }

    /** The items by key. */
    public Map<String, SnapshotItem> byKey() {
        Map<String, SnapshotItem> m = new LinkedHashMap<>();
        items.forEach(i -> m.put(i.key(), i));
        return m;
    }

    public List<SnapshotItem> ofKind(String kind) {
        return items.stream().filter(i -> i.kind().equals(kind)).toList();
    }

    /** The item, or null. */
    public SnapshotItem item(String kind, String id) {
        return byKey().get(kind + ":" + id);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("schema", SCHEMA).put("source", source)
                .put("jenkinsVersion", jenkinsVersion).put("takenAt", takenAt.toString());
        ArrayNode arr = root.putArray("items");
        for (SnapshotItem i : items.stream().sorted(Comparator.comparing(SnapshotItem::key)).toList()) {
            ObjectNode n = arr.addObject().put("kind", i.kind()).put("id", i.id());
            ObjectNode a = n.putObject("attributes");
            i.attributes().forEach(a::put);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a snapshot could not be written", e);
        }
    }

    /** @throws IllegalArgumentException saying what is not a snapshot */
    public static ControllerSnapshot parse(byte[] json) {
        if (json.length > MAX_SIZE) {
            throw new IllegalArgumentException("larger than " + (MAX_SIZE >> 20) + " MiB, not a snapshot");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (truncated?)");
        }
        if (root == null || !root.isObject() || !SCHEMA.equals(root.path("schema").asText())) {
            throw new IllegalArgumentException("not a controller snapshot (schema " + SCHEMA + ")");
        }
        JsonNode arr = root.path("items");
        if (!arr.isArray()) {
            throw new IllegalArgumentException("the snapshot has no items array");
        }
        List<SnapshotItem> items = new ArrayList<>();
        for (JsonNode n : arr) {
            Map<String, String> a = new TreeMap<>();
            JsonNode attrs = n.path("attributes");
            if (!attrs.isMissingNode() && !attrs.isObject()) {
                throw new IllegalArgumentException("an item's attributes are not an object");
            }
            attrs.fields().forEachRemaining(e -> a.put(e.getKey(), e.getValue().asText()));
            try {
                items.add(SnapshotItem.of(n.path("kind").asText(""), n.path("id").asText(""), a));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("an item has no kind or no id");
            }
        }
        Instant taken;
        try {
            taken = Instant.parse(root.path("takenAt").asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the snapshot's takenAt is not an RFC 3339 time");
        }
        return new ControllerSnapshot(root.path("source").asText(""), root.path("jenkinsVersion").asText(""), taken,
                items);
    }
}
