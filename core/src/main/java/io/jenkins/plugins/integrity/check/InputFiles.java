package io.jenkins.plugins.integrity.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a small text input a user named (a configuration, a baseline, a policy): whole, as UTF-8, up to a
 * plausible size, with errors that name the file and never quote it.
 */
public final class InputFiles {
    private InputFiles() {}

    /**
     * @param what what the file is meant to be, for the size error ("a baseline")
     * @throws InvalidInputException if the file is missing, unreadable, too large or not UTF-8
     */
    public static String readText(Path file, long maxBytes, String what) {
        byte[] bytes = readBytes(file, maxBytes, what);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException(file.toString(), "not UTF-8 text");
        }
    }

    /** @throws InvalidInputException naming the path unless it is a regular file */
    public static Path requireRegularFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file.toString(), Files.exists(file) ? "not a file" : "no such file");
        }
        return file;
    }

    /** The same for a file that may be binary (a keyring). */
    public static byte[] readBytes(Path file, long maxBytes, String what) {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(name, "is a directory, not " + what);
            }
            if (Files.size(file) > maxBytes) {
                throw new InvalidInputException(name, what + " larger than " + (maxBytes >> 20)
                        + " MiB is not plausible");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
