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

    public FileWalker(ScanRequest request) {
        this.request = request;
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
                            Path relative = file.equals(start) ? file.getFileName() : start.relativize(file);
                            if (request.selects(relative.toString().replace('\\', '/'))) {
                                targets.add(new ScanTarget(file, reportedPath(file)));
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

    private String reportedPath(Path file) {
        Path base = request.base() == null ? null : request.base().toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        Path shown = base != null && abs.startsWith(base) && !abs.equals(base) ? base.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }

}
