package io.jenkins.plugins.integrity.check;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a check looked at: a name (a directory, a repository, an image reference) and its digests keyed by
 * algorithm ({@code sha256}, {@code gitCommit}), as in-toto names subjects.
 */
public record Subject(String name, Map<String, String> digests) {
    public Subject {
        Objects.requireNonNull(name, "name is missing");
        digests = digests == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(digests));
    }

    public static Subject named(String name) {
        return new Subject(name, Map.of());
    }
}
