package io.jenkins.plugins.integrity.steps;

import java.util.Arrays;
import java.util.List;

/** A step parameter that lists values comma-separated ({@code 'dist/*.jar, *.pom'}). */
final class CommaSeparated {
    private CommaSeparated() {}

    /** The values, trimmed, empty ones left out; none for null. */
    static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
