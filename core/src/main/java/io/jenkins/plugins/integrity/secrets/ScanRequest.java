package io.jenkins.plugins.integrity.secrets;

import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import java.nio.file.Path;
import java.util.List;

/**
 * What to scan and how: the roots (files or directories), the base directory that reported paths are
 * relative to, Ant-style include and exclude patterns, the failure gate, the largest file read, and the
 * number of files scanned at once, and the baseline of findings already accepted.
 */
public record ScanRequest(List<Path> roots, Path base, List<Glob> includes, List<Glob> excludes, Gate gate,
        long maxFileBytes, int threads, Baseline baseline) {

    /** Files above this size are reported as not scanned rather than read (512 MiB; files are streamed). */
    public static final long DEFAULT_MAX_FILE_BYTES = 512L * 1024 * 1024;

    public ScanRequest {
        if (roots == null || roots.isEmpty()) {
            throw new IllegalArgumentException("nothing to scan: no path given");
        }
        roots = List.copyOf(roots);
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        baseline = baseline == null ? Baseline.NONE : baseline;
        if (maxFileBytes <= 0 || threads <= 0) {
            throw new IllegalArgumentException("maxFileBytes and threads must be positive");
        }
    }

    /** Scans {@code roots}, reporting paths relative to {@code base}, failing on LOW and above. */
    public static ScanRequest of(List<Path> roots, Path base) {
        return new ScanRequest(roots, base, List.of(), List.of(), Gate.failOn(Severity.LOW),
                DEFAULT_MAX_FILE_BYTES, Math.max(1, Runtime.getRuntime().availableProcessors()), Baseline.NONE);
    }

    /** Whether the include and exclude patterns select a path (relative, with forward slashes). */
    public boolean selects(String path) {
        if (!includes.isEmpty() && includes.stream().noneMatch(g -> g.matches(path))) {
            return false;
        }
        return excludes.stream().noneMatch(g -> g.matches(path));
    }

    public ScanRequest withIncludes(List<Glob> globs) {
        return new ScanRequest(roots, base, globs, excludes, gate, maxFileBytes, threads, baseline);
    }

    public ScanRequest withExcludes(List<Glob> globs) {
        return new ScanRequest(roots, base, includes, globs, gate, maxFileBytes, threads, baseline);
    }

    public ScanRequest withGate(Gate newGate) {
        return new ScanRequest(roots, base, includes, excludes, newGate, maxFileBytes, threads, baseline);
    }

    public ScanRequest withBaseline(Baseline accepted) {
        return new ScanRequest(roots, base, includes, excludes, gate, maxFileBytes, threads, accepted);
    }

    public ScanRequest withMaxFileBytes(long bytes) {
        return new ScanRequest(roots, base, includes, excludes, gate, bytes, threads, baseline);
    }
}
