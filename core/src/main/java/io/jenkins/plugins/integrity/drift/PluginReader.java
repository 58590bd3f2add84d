package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The installed plugins of {@code plugins/}: each archive ({@code NAME.jpi} or {@code .hpi}) and each unpacked
 * folder ({@code NAME/META-INF/MANIFEST.MF}), with the version its manifest says (the archive's, which Jenkins
 * loads, before the folder's) and whether it is enabled ({@code NAME.jpi.disabled} says not).
 */
final class PluginReader {
    static final String KIND = "plugin";
    private static final int MAX_MANIFEST = 1 << 20;

    private PluginReader() {}

    static List<SnapshotItem> read(HomeFiles files) {
        Path dir = files.home().resolve("plugins");
        Map<String, Map<String, String>> plugins = new TreeMap<>();
        if (!files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String file = p.getFileName().toString();
                if (files.isFile(p) && (file.endsWith(".jpi") || file.endsWith(".hpi"))) {
                    Manifest m = archiveManifest(files, p);
                    if (m != null) {
                        plugins.put(shortName(m, file.substring(0, file.length() - 4)), describe(m, files, dir,
                                file.substring(0, file.length() - 4)));
                    }
                } else if (files.isDirectory(p) && files.isFile(p.resolve("META-INF/MANIFEST.MF"))) {
                    Manifest m = manifest(files.read(p.resolve("META-INF/MANIFEST.MF")), files.name(p));
                    plugins.putIfAbsent(shortName(m, file), describe(m, files, dir, file));
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("plugins", "cannot be listed");
        }
        List<SnapshotItem> out = new ArrayList<>();
        plugins.forEach((name, attrs) -> out.add(SnapshotItem.of(KIND, name, attrs)));
        return out;
    }

    private static Map<String, String> describe(Manifest m, HomeFiles files, Path dir, String base) {
        Map<String, String> a = new TreeMap<>();
        String version = m.getMainAttributes().getValue("Plugin-Version");
        a.put("version", version == null ? "unknown" : version.strip());
        boolean disabled = files.isFile(dir.resolve(base + ".jpi.disabled")) || files.isFile(dir.resolve(base
                + ".hpi.disabled"));
        a.put("enabled", Boolean.toString(!disabled));
        return a;
    }

    private static String shortName(Manifest m, String fallback) {
        String s = m.getMainAttributes().getValue("Short-Name");
        return s == null || s.isBlank() ? fallback : s.strip();
    }

    private static Manifest archiveManifest(HomeFiles files, Path archive) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry e = zip.getEntry("META-INF/MANIFEST.MF");
            if (e == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(e)) {
                byte[] b = in.readNBytes(MAX_MANIFEST + 1);
                if (b.length > MAX_MANIFEST) {
                    throw new InvalidInputException(files.name(archive), "has a manifest larger than 1 MiB");
                }
                return manifest(b, files.name(archive));
            }
        } catch (IOException e) {
            throw new InvalidInputException(files.name(archive), "is not a plugin archive (not a zip)");
        }
    }

    private static Manifest manifest(byte[] b, String name) {
        try {
            return new Manifest(new ByteArrayInputStream(b));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(name, "has a manifest that cannot be read");
        }
    }
}
