package io.jenkins.plugins.integrity.vulns;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Where OSV records come from: osv.dev's per-ecosystem exports ({@code all.zip}, one JSON record per entry), a
 * directory of them (records as {@code .json} files, zips, at any depth), or one record file. Every record is
 * read whole and bounded: an entry larger than {@link #MAX_RECORD} or a zip with more than {@link #MAX_ENTRIES}
 * entries is refused naming it, as is a record that is not one.
 */
public final class OsvSource {
    /** No real OSV record comes near this; a bigger one is not one (or a zip bomb). */
    static final long MAX_RECORD = 8L << 20;
    static final int MAX_ENTRIES = 2_000_000;

    private OsvSource() {}

    /** Reads every record under the paths, in a stable order, and hands each to the consumer. */
    public static void read(List<Path> paths, Consumer<OsvRecord> consumer) {
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(p)) {
                    files = walk.filter(Files::isRegularFile).filter(f -> name(f).endsWith(".json") || name(f)
                            .endsWith(".zip")).sorted().toList();
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new InvalidInputException(p.toString(), "cannot be listed");
                }
                for (Path f : files) {
                    readFile(f, consumer);
                }
            } else if (Files.isRegularFile(p)) {
                readFile(p, consumer);
            } else {
                throw new InvalidInputException(p.toString(), "no such file or directory");
            }
        }
    }

    private static String name(Path f) {
        return f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static void readFile(Path f, Consumer<OsvRecord> consumer) {
        if (name(f).endsWith(".zip")) {
            readZip(f, consumer);
            return;
        }
        try {
            if (Files.size(f) > MAX_RECORD) {
                throw new InvalidInputException(f.toString(), "larger than " + (MAX_RECORD >> 20) + " MiB: not an OSV"
                        + " record");
            }
            consumer.accept(OsvParser.parse(Files.readAllBytes(f), f.toString()));
        } catch (IOException e) {
            throw new InvalidInputException(f.toString(), "cannot be read");
        }
    }

    private static void readZip(Path zip, Consumer<OsvRecord> consumer) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            if (z.size() > MAX_ENTRIES) {
                throw new InvalidInputException(zip.toString(), "more than " + MAX_ENTRIES + " entries");
            }
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (!entry.isDirectory() && entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                    entries.add(entry);
                }
            }
            for (ZipEntry entry : entries) {
                String source = zip + "!" + entry.getName();
                byte[] bytes;
                try (InputStream in = z.getInputStream(entry)) {
                    bytes = in.readNBytes((int) MAX_RECORD + 1);
                }
                if (bytes.length > MAX_RECORD) {
                    throw new InvalidInputException(source, "larger than " + (MAX_RECORD >> 20) + " MiB: not an OSV"
                            + " record");
                }
                consumer.accept(OsvParser.parse(bytes, source));
            }
        } catch (ZipException e) {
            throw new InvalidInputException(zip.toString(), "not a readable zip (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InvalidInputException(zip.toString(), "cannot be read (" + e.getMessage() + ")");
        }
    }
}
