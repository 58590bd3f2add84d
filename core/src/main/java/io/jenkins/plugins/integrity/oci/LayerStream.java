package io.jenkins.plugins.integrity.oci;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A layer's uncompressed tar, verified at both ends: the stored blob against the manifest's digest and size,
 * and the uncompressed tar against the config's diff_id. {@link #finish()} reads both to the end and throws
 * if either does not match.
 */
public final class LayerStream extends FilterInputStream {
    private final VerifyingInputStream blob;
    private final InputStream raw;

    private LayerStream(InputStream uncompressed, VerifyingInputStream blob, InputStream raw) {
        super(uncompressed);
        this.blob = blob;
        this.raw = raw;
    }

    /**
     * @param raw the stored blob as read from disk or the network
     * @param what how errors name the layer
     */
    public static LayerStream of(InputStream raw, Layer layer, String what) throws IOException {
        VerifyingInputStream blob = layer.blobDigest() == null ? null
                : new VerifyingInputStream(raw, layer.blobDigest(), layer.size(), what);
        InputStream stored = new BufferedInputStream(blob != null ? blob : raw, 65536);
        InputStream tar = switch (compression(layer.mediaType(), stored, what)) {
            case GZIP -> gzip(stored, what);
            case ZSTD -> new ZstdLayer(stored, what);
            case NONE -> stored;
        };
        InputStream uncompressed = layer.diffId() == null ? tar
                : new VerifyingInputStream(tar, layer.diffId(), -1, what + " (uncompressed)");
        return new LayerStream(new TarEndPadding(uncompressed), blob, raw);
    }

    private enum Compression { NONE, GZIP, ZSTD }

    private static Compression compression(String mediaType, InputStream stored, String what) throws IOException {
        if (mediaType != null) {
            if (MediaTypes.GZIP_LAYERS.contains(mediaType)) {
                return Compression.GZIP;
            }
            if (MediaTypes.TAR_LAYERS.contains(mediaType)) {
                return Compression.NONE;
            }
            if (MediaTypes.ZSTD_LAYERS.contains(mediaType)) {
                return Compression.ZSTD;
            }
            if (!mediaType.equals("application/vnd.docker.image.rootfs.diff.tar")) {
                throw new VerifyingInputStream.IntegrityException(what + " has the unknown media type " + mediaType);
            }
        }
        stored.mark(4);
        int b1 = stored.read();
        int b2 = stored.read();
        int b3 = stored.read();
        int b4 = stored.read();
        stored.reset();
        if (b1 == 0x28 && b2 == 0xb5 && b3 == 0x2f && b4 == 0xfd) {
            return Compression.ZSTD;
        }
        return b1 == 0x1f && b2 == 0x8b ? Compression.GZIP : Compression.NONE;
    }

    private static InputStream gzip(InputStream stored, String what) throws IOException {
        try {
            return GzipCompressorInputStream.builder().setInputStream(stored).setDecompressConcatenated(true).get();
        } catch (ZipException e) {
            throw new VerifyingInputStream.IntegrityException(what + " is not gzip-compressed as its media type says");
        }
    }

    /**
     * A zstd frame sequence decoded in pure Java (aircompressor), whose errors on malformed input (unchecked
     * there) become this layer's integrity error.
     */
    private static final class ZstdLayer extends FilterInputStream {
        private final String what;

        ZstdLayer(InputStream stored, String what) {
            super(new io.airlift.compress.zstd.ZstdInputStream(stored));
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (RuntimeException e) {
                throw malformed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (RuntimeException e) {
                throw malformed(e);
            }
        }

        private IOException malformed(RuntimeException e) {
            return new VerifyingInputStream.IntegrityException(what + " is not valid zstd (" + e.getMessage() + ")");
        }
    }

    /** Reads the rest of the layer, checking the uncompressed and the stored digests. */
    public void finish() throws IOException {
        byte[] buf = new byte[65536];
        try {
            while (in.read(buf, 0, buf.length) >= 0) {
                // the verifying streams hash as they read
            }
            if (blob != null) {
                blob.drain();
            }
        } catch (java.io.EOFException e) {
            throw new VerifyingInputStream.IntegrityException("truncated: " + e.getMessage());
        }
    }

    /**
     * What to report when reading the layer failed: that the stored blob does not match its digest, when it
     * does not (a corrupt gzip stream is usually that), else the failure itself.
     */
    public IOException explain(IOException failure) {
        if (blob != null && !blob.verified()) {
            try {
                blob.drain();
            } catch (VerifyingInputStream.IntegrityException e) {
                return e;
            } catch (IOException e) {
                return failure;
            }
        }
        return failure;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
