package io.jenkins.plugins.integrity.vulns;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * OSV data indexed once into a compact local store in a cache folder: each source file (a zip or a record) is read
 * once and kept as its parsed records in a compressed binary file; later loads read only that, and re-read only
 * the sources whose size or modification time changed, merging all sources by id, the newest {@code modified}
 * winning. A store that cannot be read (another version, truncated, tampered) is rebuilt from the sources, which
 * stay the truth.
 */
public final class OsvStore {
    private static final int MAGIC = 0x4f535631; // "OSV1"
    private static final int VERSION = 1;
    private static final String FILE = "osv-store.bin.gz";

    private OsvStore() {}

    /** What a load did: the database, and how many sources were read from scratch or taken from the store. */
    public record Loaded(VulnerabilityDatabase database, int sourcesRead, int sourcesCached) {}

    /** A source file, by what tells whether it changed. */
    record Fingerprint(String path, long size, long modified) {}

    public static Loaded load(List<Path> paths, Path cacheDir) {
        List<Path> files = sourceFiles(paths);
        Map<Fingerprint, List<OsvRecord>> cached = cacheDir == null ? Map.of() : read(cacheDir.resolve(FILE));
        Map<Fingerprint, List<OsvRecord>> now = new LinkedHashMap<>();
        int read = 0;
        for (Path f : files) {
            Fingerprint fp = fingerprint(f);
            List<OsvRecord> records = cached.get(fp);
            if (records == null) {
                List<OsvRecord> fresh = new ArrayList<>();
                OsvSource.read(List.of(f), fresh::add);
                records = fresh;
                read++;
            }
            now.put(fp, records);
        }
        if (cacheDir != null && (read > 0 || cached.size() != now.size())) {
            write(cacheDir, now);
        }
        Map<String, OsvRecord> newest = new HashMap<>();
        for (List<OsvRecord> records : now.values()) {
            for (OsvRecord r : records) {
                newest.merge(r.id(), r, (a, b) -> b.modified().isAfter(a.modified()) ? b : a);
            }
        }
        return new Loaded(VulnerabilityDatabase.of(newest.values()), read, files.size() - read);
    }

    /** The source files under the paths, in the order {@link OsvSource} reads them. */
    private static List<Path> sourceFiles(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> {
                        String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                        return n.endsWith(".json") || n.endsWith(".zip");
                    }).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new InvalidInputException(p.toString(), "cannot be listed");
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new InvalidInputException(p.toString(), "no such file or directory");
            }
        }
        return out;
    }

    private static Fingerprint fingerprint(Path f) {
        try {
            return new Fingerprint(f.toAbsolutePath().normalize().toString(), Files.size(f),
                    Files.getLastModifiedTime(f).toMillis());
        } catch (IOException e) {
            throw new InvalidInputException(f.toString(), "cannot be read");
        }
    }

    private static Map<Fingerprint, List<OsvRecord>> read(Path store) {
        if (!Files.isRegularFile(store)) {
            return Map.of();
        }
        try (InputStream raw = Files.newInputStream(store);
                DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16),
                        1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return Map.of();
            }
            int sources = count(in, 1_000_000);
            Map<Fingerprint, List<OsvRecord>> out = new LinkedHashMap<>();
            for (int s = 0; s < sources; s++) {
                Fingerprint fp = new Fingerprint(in.readUTF(), in.readLong(), in.readLong());
                int n = count(in, OsvSource.MAX_ENTRIES);
                List<OsvRecord> records = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    records.add(record(in));
                }
                out.put(fp, records);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            // not ours, or damaged: the sources are read again
            return Map.of();
        }
    }

    private static void write(Path cacheDir, Map<Fingerprint, List<OsvRecord>> sources) {
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, ".osv-store", ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw,
                            1 << 16), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(sources.size());
                for (Map.Entry<Fingerprint, List<OsvRecord>> e : sources.entrySet()) {
                    out.writeUTF(e.getKey().path());
                    out.writeLong(e.getKey().size());
                    out.writeLong(e.getKey().modified());
                    out.writeInt(e.getValue().size());
                    for (OsvRecord r : e.getValue()) {
                        record(out, r);
                    }
                }
            }
            Files.move(tmp, cacheDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a cache that cannot be written only costs the next load its speed
        }
    }

    private static int count(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("a count out of range");
        }
        return n;
    }

    private static void record(DataOutputStream out, OsvRecord r) throws IOException {
        str(out, r.id());
        strings(out, r.aliases());
        str(out, r.summary());
        out.writeLong(r.modified().toEpochMilli());
        out.writeLong(r.withdrawn() == null ? Long.MIN_VALUE : r.withdrawn().toEpochMilli());
        scores(out, r.severity());
        str(out, r.databaseSeverity());
        out.writeInt(r.affected().size());
        for (OsvRecord.Affected a : r.affected()) {
            str(out, a.ecosystem());
            str(out, a.name());
            str(out, a.purl());
            out.writeInt(a.ranges().size());
            for (OsvRecord.Range range : a.ranges()) {
                str(out, range.type());
                out.writeInt(range.events().size());
                for (OsvRecord.Event e : range.events()) {
                    out.writeByte(e.kind().ordinal());
                    str(out, e.version());
                }
            }
            strings(out, a.versions());
            scores(out, a.severity());
        }
    }

    private static OsvRecord record(DataInputStream in) throws IOException {
        String id = str(in);
        List<String> aliases = strings(in);
        String summary = str(in);
        Instant modified = Instant.ofEpochMilli(in.readLong());
        long w = in.readLong();
        Instant withdrawn = w == Long.MIN_VALUE ? null : Instant.ofEpochMilli(w);
        List<OsvRecord.Score> severity = scores(in);
        String db = str(in);
        int na = count(in, 1_000_000);
        List<OsvRecord.Affected> affected = new ArrayList<>(na);
        for (int i = 0; i < na; i++) {
            String eco = str(in);
            String name = str(in);
            String purl = str(in);
            int nr = count(in, 1_000_000);
            List<OsvRecord.Range> ranges = new ArrayList<>(nr);
            for (int j = 0; j < nr; j++) {
                String type = str(in);
                int ne = count(in, 1_000_000);
                List<OsvRecord.Event> events = new ArrayList<>(ne);
                for (int k = 0; k < ne; k++) {
                    int kind = in.readByte();
                    if (kind < 0 || kind >= OsvRecord.Kind.values().length) {
                        throw new IOException("an unknown event kind");
                    }
                    events.add(new OsvRecord.Event(OsvRecord.Kind.values()[kind], str(in)));
                }
                ranges.add(new OsvRecord.Range(type, events));
            }
            affected.add(new OsvRecord.Affected(eco, name, purl, ranges, strings(in), scores(in)));
        }
        return new OsvRecord(id, aliases, summary, modified, withdrawn, severity, affected, db);
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > OsvSource.MAX_RECORD) {
            throw new IOException("a string length out of range");
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException();
        }
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            str(out, s);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = count(in, 10_000_000);
        List<String> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(str(in));
        }
        return out;
    }

    private static void scores(DataOutputStream out, List<OsvRecord.Score> scores) throws IOException {
        out.writeInt(scores.size());
        for (OsvRecord.Score s : scores) {
            str(out, s.type());
            str(out, s.score());
        }
    }

    private static List<OsvRecord.Score> scores(DataInputStream in) throws IOException {
        int n = count(in, 1_000);
        List<OsvRecord.Score> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new OsvRecord.Score(str(in), str(in)));
        }
        return out;
    }
}
