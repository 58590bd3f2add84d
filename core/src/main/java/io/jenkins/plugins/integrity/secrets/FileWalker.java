package io.jenkins.plugins.integrity.secrets;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the regular files under the scan roots that the include and exclude patterns select (patterns
 * match the path relative to the root being walked). Symbolic
 * links are never followed (they could leave the tree or loop), {@code .git} directories are skipped, and
 * devices, sockets and pipes are ignored. A root that does not exist is an invalid input.
 */
public final class FileWalker {
    private final ScanRequest request;
    /** The base that reported paths are relative to, absolute; null for absolute paths throughout. */
    private final Path base;

    public FileWalker(ScanRequest request) {
        this.request = request;
        this.base = request.base() == null ? null : request.base().toAbsolutePath().normalize();
    }

    /** The files to scan, and what the walk had to leave out. */
    public record Walk(List<ScanTarget> targets, List<String> unreadable, long symlinksSkipped) {}

    public Walk walk() {
        List<ScanTarget> targets = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        long[] symlinks = {0};
        for (Path root : request.roots()) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(root.toString(), "no such file or directory");
            }
            if (!Files.isReadable(root)) {
                throw new InvalidInputException(root.toString(), "not readable");
            }
            try {
                // A root named explicitly is scanned even when it is a link; links below it are not followed.
                Path start = Files.isSymbolicLink(root) ? root.toRealPath() : root;
                // a file below the root is reported as the root's reported path and its path from the root
                String below = below(start);
                Files.walkFileTree(start, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(start) && dir.getFileName().toString().equals(".git")) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isSymbolicLink()) {
                            symlinks[0]++;
                        } else if (attrs.isRegularFile()) {
                            if (file.equals(start)) {
                                if (request.selects(file.getFileName().toString())) {
                                    targets.add(new ScanTarget(file, reportedPath(file)));
                                }
                                return FileVisitResult.CONTINUE;
                            }
                            String relative = start.relativize(file).toString().replace('\\', '/');
                            if (request.selects(relative)) {
                                targets.add(new ScanTarget(file, below + relative));
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        unreadable.add(reportedPath(file));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new InvalidInputException(root.toString(), "cannot be walked: " + e.getClass().getSimpleName());
            }
        }
        return new Walk(targets, unreadable, symlinks[0]);
    }

    /** Relative to the base when below it, else absolute (the base itself, too). */
    private String reportedPath(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path shown = base != null && abs.startsWith(base) && !abs.equals(base) ? base.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }

    /** What goes before a path relative to the root {@code start} to make a file's reported path. */
    private String below(Path start) {
        if (start.toAbsolutePath().normalize().equals(base)) {
            return "";
        }
        String shown = reportedPath(start);
        return shown.endsWith("/") ? shown : shown + "/";
    }

}
