package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a directory (a project's checkout, or an unpacked root file system) contains, read from the files
 * that name packages: one cataloger per ecosystem. Links are not followed and {@code .git} is skipped.
 */
public final class SbomGenerator {
    static final long MAX_FILE = 64L << 20;
    private final List<Cataloger> catalogers = List.of(new NpmLockCataloger(), new MavenPomCataloger(),
            new DpkgStatusCataloger(), new LineCatalogers.PythonRequirements(), new LineCatalogers.GoMod(),
            new LineCatalogers.CargoLock(), new LineCatalogers.GemfileLock(), new LineCatalogers.ApkInstalled(),
            new LockfileCatalogers.YarnLock(), new LockfileCatalogers.PoetryLock(), new LockfileCatalogers.PipfileLock(),
            new LockfileCatalogers.GradleLockfile(), new LockfileCatalogers.NugetLock(), new JarCataloger());

    /** The subject (the directory), and the components found, each once (by purl, else by name and version). */
    public record Sbom(String subject, List<Component> components) {
        public Sbom {
            components = List.copyOf(components);
        }
    }

    public Sbom fromDirectory(Path dir) {
        return fromDirectory(dir, path -> true);
    }

    /** @param selects which files (relative paths, forward slashes) to read, e.g. an audit's includes and excludes */
    public Sbom fromDirectory(Path dir, java.util.function.Predicate<String> selects) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir.toString(), Files.exists(dir) ? "not a directory" : "no such directory");
        }
        Path root = dir.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return d.getFileName() != null && d.getFileName().toString().equals(".git") && !d.equals(root)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InvalidInputException(dir.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        files.sort(null);
        String distro = distro(root);
        Set<String> seen = new LinkedHashSet<>();
        List<Component> components = new ArrayList<>();
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            if (!selects.test(rel)) {
                continue;
            }
            for (Cataloger c : catalogers) {
                if (!c.handles(rel)) {
                    continue;
                }
                for (Component comp : read(c, f, rel, distro)) {
                    if (seen.add(comp.ref())) {
                        components.add(comp);
                    }
                }
            }
        }
        return new Sbom(dir.toString(), components);
    }

    private static List<Component> read(Cataloger c, Path f, String rel, String distro) {
        try {
            if (Files.size(f) > MAX_FILE) {
                throw new InvalidInputException(rel, "larger than " + (MAX_FILE >> 20) + " MiB, not a plausible "
                        + "package list");
            }
            return c.catalog(rel, Files.readAllBytes(f), distro);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(rel, e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(rel, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code ID-VERSION_ID} from etc/os-release (or usr/lib/os-release), e.g. {@code debian-12}; else null. */
    static String distro(Path root) {
        for (String p : List.of("etc/os-release", "usr/lib/os-release")) {
            Path f = root.resolve(p);
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                String id = null;
                String version = null;
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.startsWith("ID=")) {
                        id = unquote(line.substring(3));
                    } else if (line.startsWith("VERSION_ID=")) {
                        version = unquote(line.substring(11));
                    }
                }
                if (id != null) {
                    return id.toLowerCase(Locale.ROOT) + (version == null ? "" : "-" + version);
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && (t.startsWith("\"") || t.startsWith("'")) ? t.substring(1, t.length() - 1) : t;
    }
}
