package io.jenkins.plugins.integrity.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a layer's tar stream the way the tar format says it ends, for the tar reader's sake: some image builders
 * (umoci among them) stop a layer right after the last file's data, without the record padding and the two
 * zero blocks. After the real end, this yields zeros up to the next 512-byte record and two more records.
 * It never changes the bytes that are hashed: the digests are checked on the stream beneath.
 */
final class TarEndPadding extends FilterInputStream {
    private static final int RECORD = 512;
    private long count;
    private long padding = -1;

    TarEndPadding(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (padding < 0) {
            int n = in.read(b, off, len);
            if (n >= 0) {
                count += n;
                return n;
            }
            padding = (RECORD - count % RECORD) % RECORD + 2L * RECORD;
        }
        if (padding == 0) {
            return -1;
        }
        int n = (int) Math.min(len, padding);
        java.util.Arrays.fill(b, off, off + n, (byte) 0);
        padding -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
