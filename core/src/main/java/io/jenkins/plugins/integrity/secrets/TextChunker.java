package io.jenkins.plugins.integrity.secrets;

import java.io.IOException;
import java.io.Reader;

/**
 * Cuts a text of any length into overlapping chunks, so that memory stays flat for a 2 GB file or a 100 MB
 * line. Each chunk reports only the secrets that start in its own zone. The text after the zone is long
 * enough ({@link SecretMatcher#BLOCK_REACH} and more) for a secret starting in the zone to be seen whole, and
 * the same length of text before the zone lets a rule see the keyword and key name that precede a secret.
 * Line and column numbers are carried from chunk to chunk.
 */
final class TextChunker {
    static final int DEFAULT_CHUNK = 4 * 1024 * 1024;
    static final int DEFAULT_OVERLAP = 128 * 1024;

    /**
     * One chunk: its text, the line number of its first character, how many characters of that line precede
     * the chunk, and the zone {@code [reportFrom, reportTo)} whose secrets it reports.
     */
    record Chunk(String text, long firstLine, long firstColumnOffset, int reportFrom, int reportTo) {}

    interface ChunkConsumer {
        void accept(Chunk chunk);
    }

    private final int chunk;
    private final int overlap;

    TextChunker() {
        this(DEFAULT_CHUNK, DEFAULT_OVERLAP);
    }

    TextChunker(int chunk, int overlap) {
        if (overlap <= 0 || chunk <= 2 * overlap) {
            throw new IllegalArgumentException("a chunk must be longer than its two overlaps");
        }
        this.chunk = chunk;
        this.overlap = overlap;
    }

    /** Texts shorter than this many characters are one chunk. */
    int wholeTextLimit() {
        return chunk + 2 * overlap;
    }

    /**
     * Reads the whole text and hands out its chunks in order; returns the number of characters read.
     *
     * @param sizeHint the text's length in characters at most (a file's size in bytes will do), so that a small
     *     text gets a small buffer; {@code -1} when unknown
     */
    long chunks(Reader in, long sizeHint, ChunkConsumer consumer) throws IOException {
        int full = chunk + 2 * overlap;
        char[] buf = new char[sizeHint >= 0 && sizeHint < full ? (int) sizeHint + 1 : full];
        int len = 0;
        int reportFrom = 0;
        long line = 1;
        long columnOffset = 0;
        long total = 0;
        while (true) {
            int n;
            while (len < buf.length && (n = in.read(buf, len, buf.length - len)) > 0) {
                len += n;
                total += n;
            }
            boolean last = len < buf.length;
            String text = new String(buf, 0, len);
            int zoneEnd = last ? len : len - overlap;
            consumer.accept(new Chunk(text, line, columnOffset, reportFrom, zoneEnd));
            if (last) {
                return total;
            }
            // the next chunk's text starts `overlap` characters before its zone (which starts at zoneEnd):
            // carry the line number and column to that point
            int nextStart = zoneEnd - overlap;
            int lastLf = -1;
            for (int i = 0; i < nextStart; i++) {
                if (buf[i] == '\n') {
                    line++;
                    lastLf = i;
                }
            }
            columnOffset = lastLf < 0 ? columnOffset + nextStart : nextStart - (lastLf + 1);
            System.arraycopy(buf, nextStart, buf, 0, len - nextStart);
            len -= nextStart;
            reportFrom = overlap;
        }
    }
}
