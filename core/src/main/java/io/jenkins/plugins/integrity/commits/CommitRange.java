package io.jenkins.plugins.integrity.commits;

/**
 * Which commits to verify: those reachable from {@code to} (default {@code HEAD}) and not from {@code from}
 * (when given), newest first, at most {@code limit} of them; with {@code firstParent}, only the first-parent
 * chain (the commits a branch was at, not those merged into it).
 */
public record CommitRange(String from, String to, int limit, boolean firstParent) {
    public static final int DEFAULT_LIMIT = 1000;

    public CommitRange {
        if (to == null || to.isBlank()) {
            to = "HEAD";
        }
        if (from != null && from.isBlank()) {
            from = null;
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("the commit limit must be positive");
        }
    }

    /** {@code HEAD} and its ancestors, at most {@link #DEFAULT_LIMIT}. */
    public static CommitRange head() {
        return new CommitRange(null, "HEAD", DEFAULT_LIMIT, false);
    }

    /** {@code A..B} (the commits of B not in A), {@code A..} (up to HEAD), or a single revision and its ancestors. */
    public static CommitRange parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return head();
        }
        if (spec.contains("...")) {
            throw new IllegalArgumentException("'" + spec + "': symmetric ranges (A...B) are not supported; use A..B");
        }
        int dots = spec.indexOf("..");
        if (dots < 0) {
            return new CommitRange(null, spec.trim(), DEFAULT_LIMIT, false);
        }
        return new CommitRange(spec.substring(0, dots).trim(), spec.substring(dots + 2).trim(), DEFAULT_LIMIT, false);
    }

    public CommitRange since(String revision) {
        return new CommitRange(revision, to, limit, firstParent);
    }

    public CommitRange withLimit(int max) {
        return new CommitRange(from, to, max, firstParent);
    }

    public CommitRange withFirstParent(boolean only) {
        return new CommitRange(from, to, limit, only);
    }

    @Override
    public String toString() {
        return (from == null ? "" : from + "..") + to;
    }
}
