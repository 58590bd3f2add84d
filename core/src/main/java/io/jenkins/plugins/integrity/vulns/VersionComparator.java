package io.jenkins.plugins.integrity.vulns;

import java.util.Comparator;

/**
 * An ecosystem's own order of versions. {@link #compare} throws {@link IllegalArgumentException} for a version
 * the ecosystem does not know how to read; {@link #valid} says so beforehand.
 */
interface VersionComparator extends Comparator<String> {
    /** Whether the ecosystem reads this version; by default, whether comparing it with itself succeeds. */
    default boolean valid(String version) {
        try {
            compare(version, version);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
