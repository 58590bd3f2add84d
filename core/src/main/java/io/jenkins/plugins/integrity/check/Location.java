package io.jenkins.plugins.integrity.check;

/**
 * Where a finding was made: a file relative to the scanned root (forward slashes), with a 1-based line and
 * column; line and column are 0 when the finding is about the file as a whole.
 */
public record Location(String file, int line, int column) {
    public Location {
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("a location needs a file");
        }
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative");
        }
    }

    /** A location naming a whole file. */
    public static Location ofFile(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        return line == 0 ? file : column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
