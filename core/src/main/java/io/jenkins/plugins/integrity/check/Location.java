package io.jenkins.plugins.integrity.check;

/**
 * Where a finding was made: a file relative to the scanned root (forward slashes), with a 1-based line and
 * column; line and column are 0 when the finding is about the file as a whole. {@code commit} names the
 * commit where the file had this content, for findings in a repository's history (else null).
 */
public record Location(String file, int line, int column, String commit) {
    public Location {
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("a location needs a file");
        }
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative");
        }
    }

    public Location(String file, int line, int column) {
        this(file, line, column, null);
    }

    /** The same place in the given commit. */
    public Location inCommit(String commitId) {
        return new Location(file, line, column, commitId);
    }

    /** A location naming a whole file. */
    public static Location ofFile(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        String at = line == 0 ? file : column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
        return commit == null ? at : at + " @" + commit.substring(0, Math.min(12, commit.length()));
    }
}
