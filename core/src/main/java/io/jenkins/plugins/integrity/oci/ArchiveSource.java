package io.jenkins.plugins.integrity.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.RelativePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image in a tar file, read in place: an OCI layout in a tar ({@code oci-archive:}) or a {@code docker save}
 * archive ({@code docker-archive:}, its {@code manifest.json} naming the config and the layer tars; the
 * config's diff_ids verify the layers, and the config file's name, where it is a digest, the config).
 */
final class ArchiveSource implements ImageSource {
    private final String name;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> files = new HashMap<>();
    /** skopeo's docker-archive links {@code ID/layer.tar} to {@code HEX.tar}; links are followed inside the tar only. */
    private final Map<String, String> links = new HashMap<>();
    private final Map<Integer, String> layerFiles = new HashMap<>();
    private final ResolvedImage image;

    ArchiveSource(ImageReference ref, Platform platform) {
        this.name = ref.toString();
        if (!Files.isRegularFile(ref.path())) {
            throw new InvalidInputException(name, Files.exists(ref.path()) ? "not a file" : "no such file");
        }
        try {
            this.tar = new TarFile(ref.path());
        } catch (IOException e) {
            throw new InvalidInputException(name, "not a tar archive");
        }
        try {
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.isFile()) {
                    files.put(normal(e.getName()), e);
                } else if (e.isSymbolicLink()) {
                    links.put(normal(e.getName()), e.getLinkName());
                }
            }
            this.image = ref.transport() == ImageReference.Transport.DOCKER_ARCHIVE
                    ? dockerArchive(ref.tag()) : ociArchive(ref.tag(), platform);
        } catch (NoSuchFileException e) {
            closeQuietly();
            throw new InvalidInputException(name, "the archive has no " + e.getFile());
        } catch (IOException e) {
            closeQuietly();
            throw new InvalidInputException(name, e.getMessage() == null ? "cannot be read" : e.getMessage());
        } catch (IllegalArgumentException e) {
            closeQuietly();
            throw new InvalidInputException(name, e.getMessage());
        }
    }

    private static String normal(String entryName) {
        String n = entryName;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("./") ? 2 : 1);
        }
        return n;
    }

    private InputStream file(String path) throws IOException {
        TarArchiveEntry e = entry(path);
        if (e == null) {
            throw new NoSuchFileException(path);
        }
        return tar.getInputStream(e);
    }

    /** The file entry at a path of the archive, following at most eight symbolic links within it. */
    private TarArchiveEntry entry(String path) {
        String p = normal(path);
        for (int hops = 0; hops < 8; hops++) {
            TarArchiveEntry e = files.get(p);
            if (e != null) {
                return e;
            }
            String target = links.get(p);
            if (target == null) {
                return null;
            }
            String dir = p.contains("/") ? p.substring(0, p.lastIndexOf('/') + 1) : "";
            p = RelativePaths.resolve(target.startsWith("/") ? target : dir + target);
            if (p == null) {
                return null;
            }
        }
        return null;
    }


    private InputStream blob(Descriptor d) throws IOException {
        return file("blobs/" + d.digest().algorithm() + "/" + d.digest().hex());
    }

    private ResolvedImage ociArchive(String tag, Platform platform) throws IOException {
        if (!files.containsKey("oci-layout")) {
            throw new IllegalArgumentException("not an OCI image layout archive (no oci-layout file)");
        }
        byte[] index;
        try (InputStream in = file("index.json")) {
            index = Manifests.readSmall(in, "index.json");
        }
        Descriptor entry = Manifests.byTag(Manifests.json(index, "index.json"), tag, "index.json");
        return LayoutResolver.resolve(name, entry, platform, this::blob);
    }

    private ResolvedImage dockerArchive(String repoTag) throws IOException {
        byte[] manifestBytes;
        try (InputStream in = file("manifest.json")) {
            manifestBytes = Manifests.readSmall(in, "manifest.json");
        }
        JsonNode list;
        try {
            list = new ObjectMapper().readTree(manifestBytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("manifest.json is not JSON");
        }
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("manifest.json lists no image");
        }
        JsonNode chosen = null;
        List<String> tags = new ArrayList<>();
        for (JsonNode img : list) {
            for (JsonNode t : img.path("RepoTags")) {
                tags.add(t.asText());
                if (repoTag != null && (t.asText().equals(repoTag) || t.asText().equals("docker.io/" + repoTag))) {
                    chosen = img;
                }
            }
        }
        if (repoTag == null) {
            if (list.size() > 1) {
                throw new IllegalArgumentException("the archive holds " + list.size() + " images; name one with "
                        + ":NAME:TAG (" + String.join(", ", tags) + ")");
            }
            chosen = list.get(0);
        } else if (chosen == null) {
            throw new IllegalArgumentException("the archive has no image tagged '" + repoTag + "' ("
                    + (tags.isEmpty() ? "none is tagged" : String.join(", ", tags)) + ")");
        }
        String configPath = chosen.path("Config").asText("");
        if (configPath.isEmpty()) {
            throw new IllegalArgumentException("manifest.json names no Config");
        }
        byte[] configBytes;
        try (InputStream in = file(configPath)) {
            configBytes = Manifests.readSmall(in, configPath);
        }
        Digest configDigest = Digest.sha256(configBytes);
        Digest named = digestInName(configPath);
        if (named != null && !named.equals(configDigest)) {
            throw new VerifyingInputStream.IntegrityException(configPath + " does not match the digest in its name");
        }
        ImageConfig config = ImageConfig.parse(configBytes);
        JsonNode layerPaths = chosen.path("Layers");
        if (!layerPaths.isArray() || layerPaths.size() != config.diffIds().size()) {
            throw new IllegalArgumentException("manifest.json lists " + layerPaths.size() + " layers but the config "
                    + config.diffIds().size() + " diff_ids");
        }
        List<String> commands = config.layerCommands();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < layerPaths.size(); i++) {
            String p = layerPaths.get(i).asText();
            if (entry(p) == null) {
                throw new NoSuchFileException(p);
            }
            layerFiles.put(i, p);
            // docker save stores layers uncompressed, so the diff_id is the digest that verifies them
            layers.add(new Layer(i, null, null, -1, config.diffIds().get(i), commands.get(i)));
        }
        Platform actual = config.os().isEmpty() ? null : new Platform(config.os(), config.architecture(), null);
        return new ResolvedImage(name, null, actual, configDigest, config, layers);
    }

    /** The digest a docker save archive puts in a file's name: {@code HEX.json} or {@code blobs/sha256/HEX}. */
    private static Digest digestInName(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (base.endsWith(".json")) {
            base = base.substring(0, base.length() - 5);
        }
        try {
            return new Digest("sha256", base);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public ResolvedImage image() {
        return image;
    }

    @Override
    public LayerStream openLayer(Layer layer) throws IOException {
        InputStream raw = layerFiles.containsKey(layer.index()) ? file(layerFiles.get(layer.index()))
                : blob(new Descriptor(layer.mediaType(), layer.blobDigest(), layer.size(), null, null));
        return LayerStream.of(raw, layer, "layer " + layer.id());
    }

    private void closeQuietly() {
        try {
            tar.close();
        } catch (IOException e) {
            // the error being reported matters more
        }
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
