package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.w3c.dom.Document;

/**
 * The files of one JENKINS_HOME: read only when they are regular files inside it (a symbolic link is never
 * followed out), bounded in size, XML parsed safely; every error names the file relative to the home.
 */
final class HomeFiles {
    static final long MAX_FILE = 32L << 20;
    private final Path home;
    private final Path realHome;

    HomeFiles(Path home) {
        if (!Files.isDirectory(home)) {
            throw new InvalidInputException(home.toString(), "not a directory (a JENKINS_HOME was expected)");
        }
        this.home = home.toAbsolutePath().normalize();
        try {
            this.realHome = home.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException(home.toString(), "cannot be read");
        }
    }

    Path home() {
        return home;
    }

    /** The path relative to the home, with forward slashes. */
    String name(Path p) {
        return home.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** Whether this is a regular file of the home (not a link out of it). */
    boolean isFile(Path p) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return p.toRealPath().startsWith(realHome);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether this is a directory of the home, not a link. */
    boolean isDirectory(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** The file's bytes, or null when there is no such file. @throws InvalidInputException when too large */
    byte[] read(Path p) {
        if (!isFile(p)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes((int) MAX_FILE + 1);
            if (b.length > MAX_FILE) {
                throw new InvalidInputException(name(p), "larger than " + (MAX_FILE >> 20) + " MiB");
            }
            return b;
        } catch (IOException e) {
            throw new InvalidInputException(name(p), "cannot be read");
        }
    }

    /** The file parsed, or null when there is none. @throws InvalidInputException when it is not XML */
    Document xml(Path p) {
        byte[] b = read(p);
        if (b == null) {
            return null;
        }
        try {
            return SafeXml.parse(b);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name(p), e.getMessage());
        }
    }

    static String sha256(byte[] b) {
        return io.jenkins.plugins.integrity.check.Digests.sha256Hex(b);
    }
}
