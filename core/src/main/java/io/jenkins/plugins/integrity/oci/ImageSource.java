package io.jenkins.plugins.integrity.oci;

import java.io.Closeable;
import java.io.IOException;

/** An image opened for reading: its manifest and configuration checked, its layers streamed on demand. */
public interface ImageSource extends Closeable {
    ResolvedImage image();

    /**
     * The layer's uncompressed tar, whose blob digest, size and diff_id are checked as it is read; read it to
     * its end with {@link LayerStream#finish()} before trusting anything taken from it.
     */
    LayerStream openLayer(Layer layer) throws IOException;

    @Override
    default void close() throws IOException {}
}
