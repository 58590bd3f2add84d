package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files whole or not at all: the content goes to a temporary file beside the target, which
 * then replaces the target in one move, so that a reader never sees half a report.
 */
final class OutputFiles {
    private OutputFiles() {}

    static void write(Path target, String content) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(target.toString(), "cannot create its directory ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(target.toString(), "is a directory, expected a file");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InvalidInputException(target.toString(), "cannot be written (" + e.getClass().getSimpleName()
                    + ")");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the write failed; a stray temp file is all that can remain
                }
            }
        }
    }
}
