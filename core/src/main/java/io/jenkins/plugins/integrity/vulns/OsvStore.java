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

/**
 * OSV data indexed once into a compact local store in a cache folder. The store holds each source file's parsed
 * records (a zip or a record file, by path, size and modification time) and, for lookups, the merged view (the
 * newest {@code modified} record of each id across the sources, withdrawn ones left out) grouped by package with
 * an index of the groups. A load whose sources are unchanged reads only the index, then the groups of the
 * packages the SBOM has; when sources changed, only those are parsed again, the others taken from the store, and
 * the store rewritten. A store that cannot be read (another version, truncated, tampered) is rebuilt from the
 * sources, which stay the truth; the store is as trusted as the folder it is in, so keep it where only the build's
 * user writes.
 */
public final class OsvStore {
    private static final int MAGIC = 0x4f535631; // "OSV1"
    /** Raised whenever the grouping changes (4: the rpm, Wolfi and Chainguard ecosystems), so old stores rebuild. */
    private static final int VERSION = 4;
    /** The trailer: the index's offset and CRC-32, and the magic number again. */
    private static final int TRAILER = 8 + 8 + 4;
    static final String FILE = "osv-store.bin";

    private OsvStore() {}

    /** What a load did: the database, and how many sources were read from scratch or taken from the store. */
    public record Loaded(VulnerabilityDatabase database, int sourcesRead, int sourcesCached) {}

    /** A source file, by what tells whether it changed. */
    record Fingerprint(String path, long size, long modified) {}

    public static Loaded load(List<Path> paths, Path cacheDir) {
        List<Path> files = sourceFiles(paths);
        List<Fingerprint> fps = files.stream().map(OsvStore::fingerprint).toList();
        Path store = cacheDir == null ? null : cacheDir.resolve(FILE);
        if (store != null) {
            VulnerabilityDatabase indexed = Indexed.open(store, fps);
            if (indexed != null) {
                return new Loaded(indexed, 0, files.size());
            }
        }
        Map<Fingerprint, List<OsvRecord>> cached = store == null ? Map.of() : sections(store);
        Map<Fingerprint, List<OsvRecord>> now = new LinkedHashMap<>();
        int read = 0;
        for (int i = 0; i < files.size(); i++) {
            List<OsvRecord> records = cached.get(fps.get(i));
            if (records == null) {
                List<OsvRecord> fresh = new ArrayList<>();
                OsvSource.read(List.of(files.get(i)), fresh::add);
                records = fresh;
                read++;
            }
            now.put(fps.get(i), records);
        }
        Map<String, OsvRecord> newest = new HashMap<>();
        for (List<OsvRecord> records : now.values()) {
            for (OsvRecord r : records) {
                newest.merge(r.id(), r, VulnerabilityDatabase::newer);
            }
        }
        VulnerabilityDatabase db = VulnerabilityDatabase.of(newest.values());
        if (cacheDir != null) {
            write(cacheDir, now, newest.values(), db);
        }
        return new Loaded(db, read, files.size() - read);
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
                } catch (IOException | java.io.UncheckedIOException e) {
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

    /**
     * The store's layout: magic, version, the number of records and of withdrawn ones, the sources' fingerprints;
     * each source's records; the groups of the merged view; the index (package key, offset and length of its
     * group); the index's offset.
     */
    private static void write(Path cacheDir, Map<Fingerprint, List<OsvRecord>> sources,
            java.util.Collection<OsvRecord> merged, VulnerabilityDatabase db) {
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, ".osv-store", ".tmp");
            try (CountingOutput counting = new CountingOutput(new BufferedOutputStream(Files.newOutputStream(tmp),
                    1 << 16)); DataOutputStream out = new DataOutputStream(counting)) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(db.records());
                out.writeInt(db.withdrawn());
                out.writeInt(sources.size());
                for (Fingerprint fp : sources.keySet()) {
                    out.writeUTF(fp.path());
                    out.writeLong(fp.size());
                    out.writeLong(fp.modified());
                }
                for (List<OsvRecord> records : sources.values()) {
                    out.writeInt(records.size());
                    for (OsvRecord r : records) {
                        record(out, r);
                    }
                }
                Map<String, List<VulnerabilityDatabase.Entry>> groups = new java.util.TreeMap<>(
                        VulnerabilityDatabase.index(merged));
                Map<String, long[]> index = new LinkedHashMap<>();
                for (Map.Entry<String, List<VulnerabilityDatabase.Entry>> g : groups.entrySet()) {
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    DataOutputStream group = new DataOutputStream(bytes);
                    group.writeInt(g.getValue().size());
                    for (VulnerabilityDatabase.Entry e : g.getValue()) {
                        record(group, e.record());
                        group.writeInt(e.record().affected().indexOf(e.affected()));
                    }
                    long start = counting.count;
                    out.write(bytes.toByteArray());
                    index.put(g.getKey(), new long[] {start, bytes.size(), crc(bytes.toByteArray())});
                }
                java.io.ByteArrayOutputStream indexBytes = new java.io.ByteArrayOutputStream();
                DataOutputStream idx = new DataOutputStream(indexBytes);
                idx.writeInt(index.size());
                for (Map.Entry<String, long[]> i : index.entrySet()) {
                    str(idx, i.getKey());
                    idx.writeLong(i.getValue()[0]);
                    idx.writeLong(i.getValue()[1]);
                    idx.writeLong(i.getValue()[2]);
                }
                long indexAt = counting.count;
                out.write(indexBytes.toByteArray());
                out.writeLong(indexAt);
                out.writeLong(crc(indexBytes.toByteArray()));
                out.writeInt(MAGIC);
            }
            Files.move(tmp, cacheDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a store that cannot be written only costs the next load its speed
        }
    }

    /** Counts the bytes written (DataOutputStream does not buffer), so that the groups' offsets are known. */
    private static final class CountingOutput extends java.io.FilterOutputStream {
        long count;

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** The header of a store: its counts and its sources. */
    private record Header(int records, int withdrawn, List<Fingerprint> sources) {}

    private static Header header(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a store of this version");
        }
        int records = count(in, Integer.MAX_VALUE);
        int withdrawn = count(in, Integer.MAX_VALUE);
        int n = count(in, 1_000_000);
        List<Fingerprint> fps = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            fps.add(new Fingerprint(in.readUTF(), in.readLong(), in.readLong()));
        }
        return new Header(records, withdrawn, fps);
    }

    /** Each source's records from the store, to spare parsing the sources that did not change; empty if unreadable. */
    private static Map<Fingerprint, List<OsvRecord>> sections(Path store) {
        if (!Files.isRegularFile(store)) {
            return Map.of();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(store), 1 << 16))) {
            Header h = header(in);
            Map<Fingerprint, List<OsvRecord>> out = new LinkedHashMap<>();
            for (Fingerprint fp : h.sources()) {
                int n = count(in, OsvSource.MAX_ENTRIES);
                List<OsvRecord> records = new ArrayList<>(Math.min(n, 1 << 16));
                for (int i = 0; i < n; i++) {
                    records.add(record(in));
                }
                out.put(fp, records);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** The merged view read from the store package by package: the index in memory, each group when asked. */
    private static final class Indexed {
        private Indexed() {}

        /** The database over the store, or null when it is not there, not readable, or of other sources. */
        static VulnerabilityDatabase open(Path store, List<Fingerprint> sources) {
            if (!Files.isRegularFile(store)) {
                return null;
            }
            try {
                Header h;
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(store),
                        1 << 12))) {
                    h = header(in);
                }
                if (!h.sources().equals(sources)) {
                    return null;
                }
                long size = Files.size(store);
                if (size < TRAILER) {
                    return null;
                }
                java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(TRAILER);
                readFully(store, size - TRAILER, tail);
                tail.flip();
                long indexAt = tail.getLong();
                long indexCrc = tail.getLong();
                if (tail.getInt() != MAGIC || indexAt < 0 || indexAt > size - TRAILER
                        || size - TRAILER - indexAt > Integer.MAX_VALUE) {
                    return null;
                }
                // a store cut short or overwritten is found here, by the index's checksum, not by chance
                java.nio.ByteBuffer indexBytes = java.nio.ByteBuffer.allocate((int) (size - TRAILER - indexAt));
                readFully(store, indexAt, indexBytes);
                if (crc(indexBytes.array()) != indexCrc) {
                    return null;
                }
                Map<String, long[]> index = new HashMap<>();
                DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(indexBytes.array()));
                int n = count(in, 100_000_000);
                for (int i = 0; i < n; i++) {
                    String key = str(in);
                    long offset = in.readLong();
                    long length = in.readLong();
                    long crc = in.readLong();
                    if (key == null || offset < 0 || length < 0 || offset + length > indexAt || length > 1L << 30) {
                        return null;
                    }
                    index.put(key, new long[] {offset, length, crc});
                }
                Map<String, List<VulnerabilityDatabase.Entry>> read = new HashMap<>();
                return new VulnerabilityDatabase(key -> read.computeIfAbsent(key, k -> group(store, index.get(k))),
                        h.records(), h.withdrawn());
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private static List<VulnerabilityDatabase.Entry> group(Path store, long[] at) {
            if (at == null) {
                return List.of();
            }
            try {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) at[1]);
                readFully(store, at[0], buf);
                if (crc(buf.array()) != at[2]) {
                    throw new IOException("a package's records do not match their checksum");
                }
                DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(buf.array()));
                int n = count(in, 10_000_000);
                List<VulnerabilityDatabase.Entry> out = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    OsvRecord r = record(in);
                    int a = in.readInt();
                    if (a < 0 || a >= r.affected().size()) {
                        throw new IOException("an entry of no affected package");
                    }
                    out.add(new VulnerabilityDatabase.Entry(r, r.affected().get(a)));
                }
                return out;
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException(store.toString(), "the OSV store is damaged (" + e.getMessage()
                        + "); delete it to rebuild it");
            }
        }

        private static void readFully(Path store, long position, java.nio.ByteBuffer buf) throws IOException {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(store)) {
                long p = position;
                while (buf.hasRemaining()) {
                    int r = ch.read(buf, p);
                    if (r < 0) {
                        throw new EOFException();
                    }
                    p += r;
                }
            }
        }
    }

    private static long crc(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return crc.getValue();
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
