package io.jenkins.plugins.integrity.secrets;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Scans files for leaked credentials and reports them without their values: each finding names the rule,
 * the file, line and column of the secret, and a fingerprint. Files are read in parallel; binary files are
 * skipped, files too large or unreadable are reported as not scanned so that the verdict is never PASS
 * for a tree the scanner could not fully read.
 */
public final class SecretScanner {
    public static final String CHECK = "secrets";
    static final String RULE_UNREADABLE = "scan/unreadable-file";
    static final String RULE_TOO_LARGE = "scan/file-too-large";
    private static final int BINARY_PROBE = 8000;

    private final RuleSet rules;
    private final SecretMatcher matcher;
    private final TextChunker chunker;

    public SecretScanner(RuleSet rules) {
        this(rules, new TextChunker());
    }

    SecretScanner(RuleSet rules, TextChunker chunker) {
        this.rules = rules;
        this.matcher = new SecretMatcher(rules);
        this.chunker = chunker;
    }

    public CheckResult scan(ScanRequest request) {
        return scan(request, new ScanMonitor());
    }

    public CheckResult scan(ScanRequest request, ScanMonitor monitor) {
        long started = System.nanoTime();
        return scan(new FileWalker(request).walk(), request, monitor, started);
    }

    /** Scans the files of a walk made earlier; a file gone since is reported as unreadable. */
    public CheckResult scan(FileWalker.Walk walk, ScanRequest request, ScanMonitor monitor) {
        return scan(walk, request, monitor, System.nanoTime());
    }

    private CheckResult scan(FileWalker.Walk walk, ScanRequest request, ScanMonitor monitor, long started) {
        monitor.found(walk.targets().size());
        List<FileOutcome> outcomes = scanAll(walk.targets(), request, monitor);
        List<Subject> subjects = request.roots().stream().map(r -> Subject.named(r.toString())).toList();
        return result(outcomes, walk.unreadable(), walk.symlinksSkipped(), request, started, subjects, "file", "files");
    }

    /** The verdict over the outcomes of every file (or blob) scanned. */
    CheckResult result(List<FileOutcome> outcomes, List<String> unreadablePaths, long symlinksSkipped,
            ScanRequest request, long started, List<Subject> subjects, String one, String many) {
        List<Finding> findings = new ArrayList<>();
        for (String path : unreadablePaths) {
            findings.add(notScanned(RULE_UNREADABLE, path, "file could not be read, so it was not scanned"));
        }
        long files = 0;
        long bytes = 0;
        long binary = 0;
        long suppressed = 0;
        long baselined = 0;
        for (FileOutcome o : outcomes) {
            suppressed += o.suppressed();
            for (Finding f : o.findings()) {
                if (request.baseline().contains(f)) {
                    baselined++;
                } else {
                    findings.add(f);
                }
            }
            switch (o.kind()) {
                case SCANNED -> {
                    files++;
                    bytes += o.bytes();
                }
                case BINARY -> binary++;
                default -> { }
            }
        }
        findings.sort(Comparator.comparing((Finding f) -> f.location().file())
                .thenComparingInt(f -> f.location().line())
                .thenComparingInt(f -> f.location().column())
                .thenComparing(Finding::rule));

        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("filesScanned", files);
        metrics.put("bytesScanned", bytes);
        metrics.put("filesSkippedBinary", binary);
        metrics.put("filesSkippedTooLarge", count(outcomes, Kind.TOO_LARGE));
        metrics.put("filesUnreadable", count(outcomes, Kind.UNREADABLE) + unreadablePaths.size());
        metrics.put("symlinksSkipped", symlinksSkipped);
        metrics.put("suppressedInline", suppressed);
        metrics.put("baselined", baselined);
        metrics.put("rules", rules.rules().size());
        metrics.put("durationMs", (System.nanoTime() - started) / 1_000_000);

        Status status = request.gate().judge(findings);
        String scanned = files + " " + (files == 1 ? one : many);
        return new CheckResult(CHECK, status, summary(findings, scanned, suppressed, baselined), findings, metrics,
                subjects);
    }

    private List<FileOutcome> scanAll(List<ScanTarget> targets, ScanRequest request, ScanMonitor monitor) {
        return inParallel(targets, request.threads(), target -> {
            FileOutcome o = scanFile(target, request.maxFileBytes());
            monitor.done(o.bytes());
            return o;
        });
    }

    /**
     * Runs one task per item on {@code threads} daemon threads, results in the items' order. The threads take
     * the next item by counting, not from a queue, and no one waits on a task's result: a scan of ten thousand
     * small files does not wake a thread ten thousand times. After a task fails, the others stop taking items
     * and the first failure is thrown (an invalid input stays an {@link RuntimeException} of its own kind).
     */
    static <T, R> List<R> inParallel(List<T> items, int threads, java.util.function.Function<T, R> task) {
        if (items.isEmpty()) {
            return List.of();
        }
        Object[] results = new Object[items.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < results.length && failure.get() == null;
                    i = next.getAndIncrement()) {
                try {
                    results[i] = task.apply(items.get(i));
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> pool = new ArrayList<>();
        for (int t = Math.min(threads, items.size()); t > 0; t--) {
            Thread thread = new Thread(work, "secret-scan");
            thread.setDaemon(true);
            thread.start();
            pool.add(thread);
        }
        try {
            for (Thread thread : pool) {
                thread.join(); // the workers' writes to results happen before join returns
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
            pool.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("secret scan interrupted", e);
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException cause) {
            throw cause;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        List<R> out = new ArrayList<>(results.length);
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            R result = (R) r;
            out.add(result);
        }
        return out;
    }

    enum Kind { SCANNED, BINARY, TOO_LARGE, UNREADABLE }

    /** What scanning one file gave: how it went, its size, its findings and its inline-suppressed secrets. */
    record FileOutcome(Kind kind, long bytes, List<Finding> findings, int suppressed) {
        FileOutcome withFindings(List<Finding> replaced) {
            return new FileOutcome(kind, bytes, replaced, suppressed);
        }

        FileOutcome(Kind kind, long bytes, List<Finding> findings) {
            this(kind, bytes, findings, 0);
        }
    }

    /** The findings in one text, and how many secrets an inline comment suppressed there. */
    private record TextFindings(List<Finding> findings, int suppressed) {}

    private FileOutcome scanFile(ScanTarget target, long maxBytes) {
        try {
            long size = Files.size(target.file());
            if (size < chunker.wholeTextLimit() && size <= maxBytes) {
                return scanBytes(target.reportedPath(), Files.readAllBytes(target.file()), maxBytes);
            }
            try (InputStream raw = Files.newInputStream(target.file())) {
                return scanContent(target.reportedPath(), raw, size, maxBytes);
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return new FileOutcome(Kind.UNREADABLE, 0, List.of(notScanned(RULE_UNREADABLE,
                    target.reportedPath(), "file could not be read (" + e.getClass().getSimpleName()
                            + "), so it was not scanned")));
        }
    }

    /** Scans one file's content, streamed: skipped if binary, reported if larger than {@code maxBytes}. */
    FileOutcome scanContent(String path, InputStream raw, long size, long maxBytes) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        if (size < chunker.wholeTextLimit() && size <= maxBytes) {
            byte[] all = in.readNBytes(chunker.wholeTextLimit());
            if (all.length < chunker.wholeTextLimit()) {
                return scanBytes(path, all, maxBytes);
            }
            in = new BufferedInputStream(new SequenceInputStream(new ByteArrayInputStream(all), in), 64 * 1024);
        }
        return scanStream(path, in, size, maxBytes);
    }

    /** Streams a content in chunks, whatever its length, in flat memory. */
    private FileOutcome scanStream(String path, BufferedInputStream in, long size, long maxBytes) throws IOException {
        in.mark(BINARY_PROBE);
        byte[] head = in.readNBytes(BINARY_PROBE);
        in.reset();
        Charset charset = bom(head);
        if (charset == null && isBinary(head, head.length)) {
            return new FileOutcome(Kind.BINARY, size, List.of());
        }
        if (size > maxBytes) {
            return tooLarge(path, maxBytes);
        }
        TextFindings found = findingsIn(path,
                new InputStreamReader(in, decoder(charset == null ? StandardCharsets.UTF_8 : charset)), size);
        return new FileOutcome(Kind.SCANNED, size, found.findings(), found.suppressed());
    }

    /**
     * Scans a content read whole (shorter than one chunk): most files. An ASCII file's text is a copy of its
     * bytes, which go to the keyword pass as they are; other UTF-8 is decoded at once by String's fast path
     * (invalid bytes become U+FFFD, as with the streaming decoder).
     */
    private FileOutcome scanBytes(String path, byte[] bytes, long maxBytes) throws IOException {
        Charset charset = bom(bytes);
        if (charset == null && isBinary(bytes, Math.min(bytes.length, BINARY_PROBE))) {
            return new FileOutcome(Kind.BINARY, bytes.length, List.of());
        }
        if (bytes.length > maxBytes) {
            return tooLarge(path, maxBytes);
        }
        if (charset != null || bytes.length >= chunker.wholeTextLimit()) {
            return scanStream(path, new BufferedInputStream(new ByteArrayInputStream(bytes)), bytes.length, maxBytes);
        }
        // ASCII (most config files): a plain copy, the same text as UTF-8's decoding without its byte-by-byte test
        boolean ascii = WordBytes.isAscii(bytes);
        String text = new String(bytes, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        // as many characters as bytes: every byte is one character (ASCII, or invalid and so U+FFFD)
        TextFindings found = findingsInWhole(path, text, text.length() == bytes.length ? bytes : null);
        return new FileOutcome(Kind.SCANNED, bytes.length, found.findings(), found.suppressed());
    }

    private static FileOutcome tooLarge(String path, long maxBytes) {
        return new FileOutcome(Kind.TOO_LARGE, 0, List.of(notScanned(RULE_TOO_LARGE, path,
                "file is larger than " + maxBytes + " bytes, so it was not scanned")));
    }

    /** Scans one text as if it were the file {@code path}. */
    public List<Finding> findingsIn(String path, String text) {
        try {
            return findingsIn(path, new StringReader(text), text.length()).findings();
        } catch (IOException e) {
            throw new UncheckedIOException("a string cannot fail to be read", e);
        }
    }

    /** Scans a text read in chunks, whatever its length, in flat memory. */
    private TextFindings findingsIn(String path, Reader text, long sizeHint) throws IOException {
        List<Finding> out = new ArrayList<>();
        int[] suppressed = {0};
        boolean[] first = {true};
        chunker.chunks(text, sizeHint, chunk -> {
            scanChunk(path, chunk, first[0], null, out, suppressed);
            first[0] = false;
        });
        return new TextFindings(out, suppressed[0]);
    }

    /** Scans a UTF-8 text that fits one chunk, decoded at once (the JDK's fast path for ASCII). */
    private TextFindings findingsInWhole(String path, String text, byte[] latin1) {
        List<Finding> out = new ArrayList<>();
        int[] suppressed = {0};
        scanChunk(path, new TextChunker.Chunk(text, 1, 0, 0, text.length()), true, latin1, out, suppressed);
        return new TextFindings(out, suppressed[0]);
    }

    /** @param latin1 the chunk's text as one byte per character, or null */
    private void scanChunk(String path, TextChunker.Chunk chunk, boolean first, byte[] latin1, List<Finding> out,
            int[] suppressed) {
        String t = chunk.text();
        int reportTo = chunk.reportTo();
        if (first && !t.isEmpty() && t.charAt(0) == '\uFEFF') {
            t = t.substring(1); // a byte order mark is not content
            reportTo--;
            latin1 = null;
        }
        SecretMatcher.Matches found = matcher.scan(path, t, latin1);
        List<SecretMatch> matches = found.found();
        boolean wholeFile = chunk.firstLine() == 1 && chunk.reportFrom() == 0 && reportTo == t.length();
        if (wholeFile && found.lines() != null && CredentialInterpolationCheck.appliesTo(path)) {
            out.addAll(CredentialInterpolationCheck.findings(path, t, found.lines()));
        }
        if (found.lines() != null) {
            List<int[]> specificSpans = new ArrayList<>();
            out.addAll(decodedFindings(path, t, found, chunk, reportTo, matches, suppressed, specificSpans));
            // a provider rule inside an encoded value wins over a generic rule on its raw text
            matches = matches.stream().filter(m -> !m.rule().generic() || specificSpans.stream()
                    .noneMatch(span -> m.start() < span[1] && span[0] < m.end())).toList();
        }
        if (matches.isEmpty()) {
            return;
        }
        LineIndex lines = found.lines();
        for (SecretMatch m : matches) {
            if (m.start() < chunk.reportFrom() || m.start() >= reportTo) {
                continue;
            }
            if (m.suppressed()) {
                suppressed[0]++;
                continue;
            }
            out.add(new Finding(m.rule().id(), m.rule().severity(), m.rule().description(),
                    locate(path, chunk, lines, m.start()), Fingerprints.of(m.rule().id(), path, m.secret())));
        }
    }

    /** Depth of encodings inside encodings that is still decoded (base64 of base64 of ...). */
    static final int MAX_DECODING_DEPTH = 3;

    /**
     * Secrets inside the encoded values of a chunk's zone, reported at the encoded value. A value where a rule
     * already reported the same rule (the raw base64 of a password, say) is not reported twice.
     */
    private List<Finding> decodedFindings(String path, String text, SecretMatcher.Matches pass, TextChunker.Chunk chunk,
            int reportTo, List<SecretMatch> raw, int[] suppressed, List<int[]> specificSpans) {
        List<Finding> out = new ArrayList<>();
        LineIndex lines = pass.lines();
        for (EncodedValues.Decoded d : EncodedValues.find(text, pass.latin1(), pass.valueRuns(), pass.valueRunCount())) {
            if (d.start() < chunk.reportFrom() || d.start() >= reportTo) {
                continue;
            }
            Location at = locate(path, chunk, lines, d.start());
            List<SecretMatch> inside = new ArrayList<>();
            decodeInto(path, d.text(), 1, inside);
            for (SecretMatch m : inside) {
                boolean seen = raw.stream().anyMatch(r -> r.rule() == m.rule() && r.start() >= d.start()
                        && r.start() < d.end());
                if (seen || out.stream().anyMatch(f -> f.rule().equals(m.rule().id())
                        && f.location().line() == at.line())) {
                    continue;
                }
                if (InlineAllow.marks(LineIndex.lineAt(text, d.start()))) {
                    suppressed[0]++;
                    continue;
                }
                if (!m.rule().generic()) {
                    specificSpans.add(new int[] {d.start(), d.end()});
                }
                out.add(new Finding(m.rule().id(), m.rule().severity(),
                        m.rule().description() + " (" + d.encoding() + ")", at,
                        Fingerprints.of(m.rule().id(), path, m.secret())));
            }
        }
        return out;
    }

    /** The file location of an offset in a chunk, with the chunk's line and column carried in. */
    private static Location locate(String path, TextChunker.Chunk chunk, LineIndex lines, int offset) {
        int localLine = lines.line(offset);
        long line = chunk.firstLine() + localLine - 1;
        long column = localLine == 1 ? chunk.firstColumnOffset() + offset + 1 : lines.column(offset);
        return new Location(path, (int) Math.min(Integer.MAX_VALUE, line), (int) Math.min(Integer.MAX_VALUE, column));
    }

    private void decodeInto(String path, String decoded, int depth, List<SecretMatch> into) {
        SecretMatcher.Matches pass = matcher.scan(path, decoded);
        for (SecretMatch m : pass.found()) {
            if (!m.suppressed()) {
                into.add(m);
            }
        }
        // the keyword pass over the decoded text found its runs of value characters too (none on a path
        // that is allowed, where nothing inside can be reported)
        if (depth < MAX_DECODING_DEPTH && pass.lines() != null) {
            for (EncodedValues.Decoded inner : EncodedValues.find(decoded, pass.latin1(), pass.valueRuns(),
                    pass.valueRunCount())) {
                decodeInto(path, inner.text(), depth + 1, into);
            }
        }
    }

    private static Finding notScanned(String rule, String path, String message) {
        return new Finding(rule, Severity.INFO, message, Location.ofFile(path), Fingerprints.of(rule, path, ""));
    }

    private static Charset bom(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
    private static boolean isBinary(byte[] content, int n) {
        return WordBytes.hasNul(content, n);
    }

    /** Decodes leniently: invalid sequences become U+FFFD, so ASCII tokens around them are still found. */
    private static CharsetDecoder decoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    private static long count(List<FileOutcome> outcomes, Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).count();
    }

    /** @param scanned what was scanned, counted: "12 files" */
    private static String summary(List<Finding> findings, String scanned, long suppressed, long baselined) {
        List<Finding> secrets = findings.stream().filter(f -> !f.rule().startsWith("scan/")).toList();
        long notScanned = findings.size() - secrets.size();
        StringBuilder s = new StringBuilder();
        if (secrets.isEmpty()) {
            s.append("no secrets found in ").append(scanned);
        } else {
            Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
            bySeverity.putAll(secrets.stream().collect(Collectors.groupingBy(Finding::severity, Collectors.counting())));
            List<String> parts = new ArrayList<>();
            for (Severity sev : Severity.values()) {
                if (bySeverity.containsKey(sev)) {
                    parts.add(0, bySeverity.get(sev) + " " + sev);
                }
            }
            s.append(secrets.size()).append(secrets.size() == 1 ? " secret" : " secrets").append(" found in ")
                    .append(scanned).append(" (")
                    .append(String.join(", ", parts)).append(')');
        }
        if (notScanned > 0) {
            s.append("; ").append(notScanned).append(notScanned == 1 ? " file" : " files").append(" not scanned");
        }
        if (suppressed > 0) {
            s.append("; ").append(suppressed).append(" suppressed inline");
        }
        if (baselined > 0) {
            s.append("; ").append(baselined).append(" in the baseline");
        }
        return s.toString();
    }
}
