package io.jenkins.plugins.integrity.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Passes a blob's bytes through while hashing them, and fails the read that reaches the end if the digest or
 * the size is not the one the manifest promised, or as soon as more bytes come than promised. Whoever reads
 * a blob reads it to the end ({@link #drain()}), so that nothing is used from a blob that does not verify.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final Digest expected;
    private final long expectedSize;
    private final String what;
    private final MessageDigest md;
    private long count;
    private boolean verified;

    /** @param expectedSize the promised size, or -1 when only the digest is known */
    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String what) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.what = what;
        this.md = expected.newMessageDigest();
    }

    /** A blob's content does not match its digest or size. */
    public static final class IntegrityException extends IOException {
        private static final long serialVersionUID = 1L;

        IntegrityException(String message) {
            super(message);
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            finish();
        } else {
            md.update((byte) b);
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n < 0) {
            finish();
        } else {
            md.update(buf, off, n);
            counted(n);
        }
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

    /** Reads what is left, so that the digest is checked. */
    public void drain() throws IOException {
        byte[] buf = new byte[65536];
        while (read(buf, 0, buf.length) >= 0) {
            // hashing happens in read
        }
    }

    public boolean verified() {
        return verified;
    }

    private void counted(int n) throws IntegrityException {
        count += n;
        if (expectedSize >= 0 && count > expectedSize) {
            throw new IntegrityException(what + " is larger than the " + expectedSize + " bytes its descriptor gives");
        }
    }

    private void finish() throws IntegrityException {
        if (verified) {
            return;
        }
        if (expectedSize >= 0 && count != expectedSize) {
            throw new IntegrityException(what + " is " + count + " bytes, not the " + expectedSize
                    + " its descriptor gives (truncated?)");
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(expected.hex())) {
            throw new IntegrityException(what + " does not match its digest " + expected + " (it is "
                    + expected.algorithm() + ":" + actual + ")");
        }
        verified = true;
    }
}
