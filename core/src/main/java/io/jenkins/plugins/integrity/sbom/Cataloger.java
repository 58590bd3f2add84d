package io.jenkins.plugins.integrity.sbom;

import java.util.List;

/**
 * Reads one kind of file that names packages (a lockfile, a build file, a package database) into components.
 * A cataloger reads the file's bytes only: it runs nothing and fetches nothing.
 */
interface Cataloger {
    /** Whether this cataloger reads the file at this path (relative, forward slashes). */
    boolean handles(String path);

    /** The same, for catalogers that read programs: {@code executable} says whether the file may be run. */
    default boolean handles(String path, boolean executable) {
        return handles(path);
    }

    /**
     * @param distro the operating system's identity from etc/os-release ({@code debian-12}), or null
     * @throws IllegalArgumentException when the file is not of the format its name promises
     */
    List<Component> catalog(String path, byte[] content, String distro);

    /**
     * The same, for formats that refer to other files of the same tree (a POM to its parent): {@code files}
     * reads them by path relative to the root, and answers null for one that is not there.
     */
    default List<Component> catalog(String path, byte[] content, String distro, Files files) {
        return catalog(path, content, distro);
    }

    /** The other files of the tree being catalogued. */
    interface Files {
        Files NONE = path -> null;

        /** The file's bytes, or null when there is no such file (or it is outside the tree, or too large). */
        byte[] read(String path);
    }

    /** Whether the components' package URLs name the distro, so that the file is read once the distro is known. */
    default boolean usesDistro() {
        return false;
    }

    /** The largest file this cataloger reads. */
    default long maxSize() {
        return SbomGenerator.MAX_FILE;
    }

    /** Whether the path is a file of this name, at the top or in any folder. */
    static boolean named(String path, String name) {
        return path.equals(name) || path.endsWith("/" + name);
    }
}
