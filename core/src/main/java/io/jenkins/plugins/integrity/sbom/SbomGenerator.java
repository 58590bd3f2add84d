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
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * What a directory (a project's checkout, or an unpacked root file system) contains, read from the files
 * that name packages: one cataloger per ecosystem. Links are not followed and {@code .git} is skipped.
 */
public final class SbomGenerator {
    static final long MAX_FILE = 64L << 20;
    private final List<Cataloger> catalogers;

    public SbomGenerator() {
        this(null);
    }

    /** @param mavenRepository a Maven local repository where POMs find their parents and BOMs, or null */
    public SbomGenerator(Path mavenRepository) {
        this.catalogers = List.of(new NpmLockCataloger(), new MavenPomCataloger(mavenRepository),
            new DpkgStatusCataloger(), new LineCatalogers.PythonRequirements(), new LineCatalogers.GoMod(),
            new LineCatalogers.CargoLock(), new LineCatalogers.GemfileLock(), new LineCatalogers.ApkInstalled(),
            new LockfileCatalogers.YarnLock(), new LockfileCatalogers.PoetryLock(), new LockfileCatalogers.PipfileLock(),
            new LockfileCatalogers.GradleLockfile(), new LockfileCatalogers.NugetLock(), new JarCataloger(),
            new InstalledCatalogers.NodeModules(), new InstalledCatalogers.PythonInstalled(),
            new MoreLockfiles.PnpmLock(), new MoreLockfiles.UvLock(), new MoreLockfiles.GradleVerificationMetadata(),
            new GoBinaryCataloger(), new RpmDbCataloger(), new ComposerLockCataloger(), new DotnetDepsCataloger());
    }

    List<Cataloger> catalogers() {
        return catalogers;
    }

    /**
     * The subject (a directory, or an image with its digests), and the components found, each once (by purl,
     * else by name and version).
     */
    public record Sbom(String subject, List<Component> components, ImageSubject image) {
        public Sbom {
            components = List.copyOf(components);
        }

        public Sbom(String subject, List<Component> components) {
            this(subject, components, null);
        }
    }

    /**
     * An image as an SBOM's subject: the manifest digest (null for a docker save archive), the config digest
     * (the image id), the platform, and for each component the digest of the layer that introduced it.
     */
    public record ImageSubject(io.jenkins.plugins.integrity.oci.ResolvedImage image, Map<String, String> layerDigests) {
        public ImageSubject {
            layerDigests = Map.copyOf(layerDigests);
        }
    }

    /**
     * What a tar (plain or gzip) or zip archive contains, read in place: a release tarball, a root file system.
     * @throws InvalidInputException naming the archive and the entry that cannot be read
     */
    public Sbom fromArchive(Path file) {
        return new ArchiveReader(catalogers).read(file);
    }

    /**
     * What an image contains, its layers read in order without unpacking it.
     * @param secrets scans the image's files for secrets, or null not to
     * @throws InvalidInputException naming the image, layer and file that cannot be read or do not verify
     */
    public ImageSbom fromImage(io.jenkins.plugins.integrity.oci.ImageSource source,
            io.jenkins.plugins.integrity.secrets.SecretScanner secrets) {
        ImageWalker.Contents c = new ImageWalker(catalogers, secrets).walk(source);
        var image = c.image();
        Map<String, String> layerDigests = new java.util.HashMap<>();
        c.layerOf().forEach((ref, layer) -> layerDigests.put(ref, image.layers().get(layer).id()));
        Sbom sbom = new Sbom(image.name(), c.components(), new ImageSubject(image, layerDigests));
        List<io.jenkins.plugins.integrity.check.Finding> fileFindings = new ArrayList<>();
        for (ImageWalker.LayerFinding f : c.secretFindings()) {
            fileFindings.add(inLayer(f, image));
        }
        for (ImageWalker.LayerFinding f : c.unread()) {
            fileFindings.add(inLayer(f, image));
        }
        return new ImageSbom(sbom, image, c.layerOf(), c.files(), fileFindings);
    }

    private static io.jenkins.plugins.integrity.check.Finding inLayer(ImageWalker.LayerFinding f,
            io.jenkins.plugins.integrity.oci.ResolvedImage image) {
        var x = f.finding();
        return new io.jenkins.plugins.integrity.check.Finding(x.rule(), x.severity(), x.message() + ", in "
                + ImageSbom.describe(image.layers().get(f.layer())), x.location(), x.fingerprint());
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
        ComponentSet components = new ComponentSet();
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            if (!selects.test(rel)) {
                continue;
            }
            String name = f.getFileName().toString();
            boolean executable = (name.indexOf('.') < 0 || name.endsWith(".exe")) && Files.isExecutable(f);
            for (Cataloger c : catalogers) {
                if (!c.handles(rel, executable)) {
                    continue;
                }
                for (Component comp : read(c, f, rel, distro, treeFiles(root))) {
                    components.add(comp);
                }
            }
        }
        return new Sbom(dir.toString(), components.components());
    }

    /** The tree's other files for catalogers that follow references: inside the root, no links, not too large. */
    private static Cataloger.Files treeFiles(Path root) {
        return rel -> {
            Path p = root.resolve(rel).normalize();
            try {
                if (!p.startsWith(root) || !Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        || Files.size(p) > MAX_FILE) {
                    return null;
                }
                return Files.readAllBytes(p);
            } catch (IOException e) {
                return null;
            }
        };
    }

    private static List<Component> read(Cataloger c, Path f, String rel, String distro, Cataloger.Files files) {
        try {
            if (Files.size(f) > c.maxSize()) {
                throw new InvalidInputException(rel, "larger than " + (c.maxSize() >> 20) + " MiB, not a plausible "
                        + "package list");
            }
            return c.catalog(rel, Files.readAllBytes(f), distro, files);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(rel, e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(rel, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code ID-VERSION_ID} from etc/os-release (or usr/lib/os-release), e.g. {@code debian-12}; else null. */
    static String distro(Path root) {
        for (String p : List.of("etc/os-release", "usr/lib/os-release")) {
            Path f = insideRoot(root, root.resolve(p));
            if (f == null) {
                continue;
            }
            try {
                return distro(Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The regular file at the path, following a link as the root file system's own would be followed (an
     * absolute target is taken inside the root, as in a container), or null when there is none or it leaves.
     */
    private static Path insideRoot(Path root, Path path) {
        Path p = path;
        for (int hops = 0; hops < 8; hops++) {
            if (!p.normalize().startsWith(root)) {
                return null;
            }
            if (Files.isSymbolicLink(p)) {
                try {
                    Path target = Files.readSymbolicLink(p);
                    p = target.isAbsolute() ? root.resolve(root.getRoot().relativize(target)) : p.resolveSibling(target);
                } catch (IOException e) {
                    return null;
                }
                continue;
            }
            try {
                // a linked parent directory must not lead out either
                return Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && p.toRealPath().startsWith(root.toRealPath()) ? p.normalize() : null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether an archive's or a layer's entry is an os-release file (etc/os-release, usr/lib/os-release). */
    static boolean isOsRelease(String path) {
        return path.equals("etc/os-release") || path.equals("usr/lib/os-release");
    }

    /**
     * The distro after reading an os-release entry: etc/os-release names it, usr/lib/os-release only when
     * nothing has yet (as os-release(5) orders them).
     */
    static String distro(String path, byte[] content, String current) {
        String d = distro(new String(content, StandardCharsets.UTF_8));
        return d != null && (path.startsWith("etc/") || current == null) ? d : current;
    }

    /** {@code ID-VERSION_ID} from the text of an os-release file, or null when it names no ID. */
    static String distro(String osRelease) {
        String id = null;
        String version = null;
        for (String line : osRelease.split("\\R")) {
            if (line.startsWith("ID=")) {
                id = unquote(line.substring(3));
            } else if (line.startsWith("VERSION_ID=")) {
                version = unquote(line.substring(11));
            }
        }
        return id == null || id.isEmpty() ? null : id.toLowerCase(Locale.ROOT) + (version == null ? "" : "-" + version);
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && (t.startsWith("\"") || t.startsWith("'")) ? t.substring(1, t.length() - 1) : t;
    }
}
