package io.jenkins.plugins.integrity.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes OCI layouts byte by byte, for the hostile inputs no real tool writes: paths with {@code ..},
 * truncated or mismatched blobs, wrong types. Real images in the tests come from umoci and skopeo.
 */
public final class CraftedLayout {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final List<StoredLayer> layers = new ArrayList<>();
    private String configMediaType = MediaTypes.OCI_CONFIG;

    private record StoredLayer(byte[] blob, String mediaType, Digest diffId) {}

    public CraftedLayout(Path dir) {
        this.dir = dir;
    }

    /** A tar of the given path/content pairs; a content of null makes a directory. */
    public static byte[] tar(String... pathsAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                String content = pathsAndContents[i + 1];
                TarArchiveEntry e = new TarArchiveEntry(pathsAndContents[i], true);
                if (content == null) {
                    e = new TarArchiveEntry(pathsAndContents[i] + "/", true);
                    tar.putArchiveEntry(e);
                } else {
                    byte[] b = content.getBytes(StandardCharsets.UTF_8);
                    e.setSize(b.length);
                    tar.putArchiveEntry(e);
                    tar.write(b);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The data compressed by the real zstd command. */
    public static byte[] zstd(byte[] data) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("zstd");
        try {
            Files.write(dir.resolve("data"), data);
            Tools.run(dir, "zstd", "-q", "data", "-o", "data.zst");
            return Files.readAllBytes(dir.resolve("data.zst"));
        } finally {
            Files.deleteIfExists(dir.resolve("data"));
            Files.deleteIfExists(dir.resolve("data.zst"));
            Files.delete(dir);
        }
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A gzip-compressed layer holding the tar. */
    public CraftedLayout layer(byte[] tar) throws IOException {
        return rawLayer(gzip(tar), "application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256(tar));
    }

    /** A layer stored exactly as given, whatever it is, with the media type and diff_id given. */
    public CraftedLayout rawLayer(byte[] blob, String mediaType, Digest diffId) {
        layers.add(new StoredLayer(blob, mediaType, diffId));
        return this;
    }

    public CraftedLayout configMediaType(String mediaType) {
        this.configMediaType = mediaType;
        return this;
    }

    /** Writes the layout (gzipping the layers) and returns its reference. */
    public ImageReference write() throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("config").put("User", "1000");
        ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        ArrayNode layerList = manifest.putArray("layers");
        for (StoredLayer l : layers) {
            diffIds.add(l.diffId().toString());
            layerList.add(descriptor(l.mediaType(), blob(l.blob()), l.blob().length));
        }
        byte[] configBytes = JSON.writeValueAsBytes(config);
        manifest.set("config", descriptor(configMediaType, blob(configBytes), configBytes.length));
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").add(descriptor(MediaTypes.OCI_MANIFEST, blob(manifestBytes), manifestBytes.length)
                .set("annotations", JSON.createObjectNode().put("org.opencontainers.image.ref.name", "t")));
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        return ImageReference.parse("oci:" + dir + ":t");
    }

    static ObjectNode descriptor(String mediaType, Digest digest, long size) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString()).put("size", size);
    }

    /** Stores a blob and returns its digest. */
    public Digest blob(byte[] content) throws IOException {
        Digest d = Digest.sha256(content);
        Files.write(dir.resolve("blobs/sha256/" + d.hex()), content);
        return d;
    }

    public Path blobPath(Digest d) {
        return dir.resolve("blobs/sha256/" + d.hex());
    }
}
