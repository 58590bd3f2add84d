package io.jenkins.plugins.integrity.sbom;

/**
 * One entry of an image's merged file system: its path (relative, forward slashes), the layer that put it
 * there, its kind, permission bits (with setuid and setgid), owner and size.
 */
public record ImageFile(String path, int layer, Kind kind, int mode, long uid, long size, String linkTarget) {
    public enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    public boolean isSetuid() {
        return (mode & 04000) != 0;
    }

    public boolean isSetgid() {
        return (mode & 02000) != 0;
    }

    public boolean isExecutable() {
        return (mode & 0111) != 0;
    }

    /** The last part of the path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
