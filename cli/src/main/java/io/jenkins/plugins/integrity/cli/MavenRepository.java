package io.jenkins.plugins.integrity.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where POMs look for their parents: the option's directory, else the user's ~/.m2/repository if it exists. */
final class MavenRepository {
    private MavenRepository() {}

    static Path orDefault(Path option) {
        if (option != null) {
            return option;
        }
        Path home = Path.of(System.getProperty("user.home"), ".m2", "repository");
        return Files.isDirectory(home) ? home : null;
    }
}
