package io.jenkins.plugins.integrity.drift;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One security-relevant thing of a controller: its kind ({@code setting}, {@code grant}, {@code plugin},
 * {@code job}, ...), its id within the kind, and what is known about it as text attributes. Never a secret
 * value: ids, types, versions, flags and SHA-256 digests only.
 */
public record SnapshotItem(String kind, String id, SortedMap<String, String> attributes) {
    public SnapshotItem {
        if (kind == null || kind.isEmpty() || id == null || id.isEmpty()) {
            throw new IllegalArgumentException("an item needs a kind and an id");
        }
        attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    public static SnapshotItem of(String kind, String id, Map<String, String> attributes) {
        TreeMap<String, String> a = new TreeMap<>();
        attributes.forEach((k, v) -> {
            if (v != null) {
                a.put(k, v);
            }
        });
        return new SnapshotItem(kind, id, a);
    }

    /** {@code kind:id}, the item's key in a snapshot. */
    public String key() {
        return kind + ":" + id;
    }

    public String get(String attribute) {
        return attributes.get(attribute);
    }
}
