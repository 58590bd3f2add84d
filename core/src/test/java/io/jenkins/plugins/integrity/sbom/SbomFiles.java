package io.jenkins.plugins.integrity.sbom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes one package list into a directory and returns the package URLs the generator finds there. */
final class SbomFiles {
    private SbomFiles() {}

    static List<String> purls(Path dir, String path, String text) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return new SbomGenerator().fromDirectory(dir).components().stream().map(Component::purl).toList();
    }
}
