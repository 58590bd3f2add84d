package io.jenkins.plugins.integrity.sbom;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Java archives ({@code .jar}, {@code .war}, {@code .ear}, {@code .hpi}, {@code .jpi}): every
 * {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} (a shaded jar holds several), else the manifest's
 * implementation title and version, else the file name ({@code name-1.2.3.jar}); nested archives ({@code BOOT-INF/lib}, {@code WEB-INF/lib}, any
 * {@code .jar} inside) are read too, at most {@value #MAX_DEPTH} deep and 512 MiB inflated in all, so that a
 * zip bomb ends the reading instead of the memory.
 */
final class JarCataloger implements Cataloger {
    static final int MAX_DEPTH = 4;
    static final long MAX_INFLATED = 512L << 20;

    private final long maxInflated;

    JarCataloger() {
        this(MAX_INFLATED);
    }

    JarCataloger(long maxInflated) {
        this.maxInflated = maxInflated;
    }

    /** Web archives of real applications (jenkins.war is about 90 MiB) are larger than any package list. */
    @Override
    public long maxSize() {
        return 256L << 20;
    }

    @Override
    public boolean handles(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".jar") || p.endsWith(".war") || p.endsWith(".ear") || p.endsWith(".hpi") || p.endsWith(".jpi");
    }

    @Override
    public List<Component> catalog(String path, byte[] content, String distro) {
        List<Component> out = new ArrayList<>();
        long[] budget = {maxInflated};
        try {
            read(path, content, 0, budget, out);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable zip archive");
        }
        return out;
    }

    private void read(String where, byte[] archive, int depth, long[] budget, List<Component> out)
            throws IOException {
        List<Component> found = new ArrayList<>();
        Manifest manifest = null;
        for (Entry e : entries(archive, depth, budget)) {
            if (e.name().equals("META-INF/MANIFEST.MF")) {
                manifest = new Manifest(new ByteArrayInputStream(e.bytes()));
            } else if (e.name().endsWith("/pom.properties")) {
                Properties p = new Properties();
                p.load(new ByteArrayInputStream(e.bytes()));
                String g = p.getProperty("groupId");
                String a = p.getProperty("artifactId");
                String v = p.getProperty("version");
                if (a != null) {
                    found.add(new Component("maven", g, a, v, Components.purl("maven", g, a, v), List.of(), where));
                }
            } else {
                read(where + "!/" + e.name(), e.bytes(), depth + 1, budget, out);
            }
        }
        if (found.isEmpty()) {
            found.add(withoutMavenMetadata(where, manifest));
        }
        if (found.size() == 1) {
            // the archive's digests identify it (a shaded jar's several components share one file, so none)
            found.set(0, found.get(0).withHashes(Map.of("SHA-256", DigestUtils.sha256Hex(archive))));
        }
        out.addAll(found);
    }

    private static final java.util.regex.Pattern NAME_VERSION = java.util.regex.Pattern.compile("^(.+?)-(\\d[\\w.+-]*)$");

    /**
     * A jar without pom.properties: its name and version from the file name ({@code name-1.2.3.jar}, what a
     * Maven repository and most distributions keep), else from the manifest (bundle name and version, or
     * implementation title and version); the group only where the manifest states the Maven groupId
     * ({@code Implementation-Vendor-Id}, as maven-jar-plugin writes it), so that no package URL is a guess.
     */
    private static Component withoutMavenMetadata(String where, Manifest manifest) {
        String file = where.substring(where.lastIndexOf('/') + 1).replaceFirst("\\.[A-Za-z]+$", "");
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        java.util.regex.Matcher m = NAME_VERSION.matcher(file);
        String name;
        String version;
        if (m.matches()) {
            name = m.group(1);
            version = m.group(2);
        } else {
            String title = first(main, "Bundle-SymbolicName", "Implementation-Title", "Automatic-Module-Name");
            name = title == null ? file : title.split(";")[0].trim();
            String v = first(main, "Bundle-Version", "Implementation-Version");
            version = v == null ? null : v.split("\\s")[0];
        }
        String group = first(main, "Implementation-Vendor-Id");
        if (group != null && !group.matches("[A-Za-z0-9_.-]+")) {
            group = null;
        }
        return new Component("maven", group, name, version, group == null ? null
                : Components.purl("maven", group, name, version), List.of(), where);
    }

    /** An archive entry this cataloger reads: the manifest, a pom.properties, a nested archive. */
    private record Entry(String name, byte[] bytes) {}

    private static boolean wanted(String name, boolean directory, int depth) {
        return name.equals("META-INF/MANIFEST.MF")
                || name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")
                || !directory && name.toLowerCase(Locale.ROOT).endsWith(".jar") && depth < MAX_DEPTH;
    }

    /**
     * The entries worth reading, found through the archive's central directory as the JVM finds them, so that
     * only they are inflated (not the classes); an archive without a readable central directory is read as a
     * stream instead, inflating as it goes.
     */
    private List<Entry> entries(byte[] archive, int depth, long[] budget) throws IOException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get();
        } catch (IOException e) {
            return streamed(archive, depth, budget);
        }
        List<Entry> out = new ArrayList<>();
        try (zip) {
            for (java.util.Enumeration<ZipArchiveEntry> en = zip.getEntries(); en.hasMoreElements();) {
                ZipArchiveEntry e = en.nextElement();
                if (wanted(e.getName(), e.isDirectory(), depth)) {
                    try (InputStream in = zip.getInputStream(e)) {
                        out.add(new Entry(e.getName(), inflate(in, budget)));
                    }
                }
            }
        }
        return out;
    }

    private List<Entry> streamed(byte[] archive, int depth, long[] budget) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (wanted(e.getName(), e.isDirectory(), depth)) {
                    out.add(new Entry(e.getName(), inflate(zip, budget)));
                }
            }
        }
        return out;
    }

    private static String first(Attributes a, String... names) {
        for (String n : names) {
            String v = a.getValue(n);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private byte[] inflate(InputStream in, long[] budget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            budget[0] -= n;
            if (budget[0] < 0) {
                throw new IllegalArgumentException("inflates to more than " + maxInflated + " bytes (a zip bomb?)");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
