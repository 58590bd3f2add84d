package io.jenkins.plugins.integrity.oci;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An OCI image layout on disk (what {@code skopeo copy ... oci:DIR:TAG} and {@code umoci} write): the image is
 * chosen from {@code index.json} by its {@code org.opencontainers.image.ref.name}, its blobs are read from
 * {@code blobs/ALG/HEX}. https://github.com/opencontainers/image-spec/blob/main/image-layout.md
 */
final class OciLayoutSource implements ImageSource {
    private final Path dir;
    private final String name;
    private final ResolvedImage image;

    OciLayoutSource(ImageReference ref, Platform platform) {
        this.dir = ref.path();
        this.name = ref.toString();
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(name, Files.exists(dir) ? "not a directory" : "no such directory");
        }
        if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
            throw new InvalidInputException(name, "not an OCI image layout (no oci-layout file)");
        }
        try (InputStream in = Files.newInputStream(dir.resolve("index.json"))) {
            byte[] index = Manifests.readSmall(in, "index.json");
            Descriptor entry = Manifests.byTag(Manifests.json(index, "index.json"), ref.tag(), "index.json");
            this.image = LayoutResolver.resolve(name, entry, platform, this::blob);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, "the layout has no " + Path.of(e.getFile()).getFileName());
        } catch (IOException e) {
            throw new InvalidInputException(name, e.getMessage() == null ? "cannot be read" : e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, e.getMessage());
        }
    }

    private InputStream blob(Descriptor d) throws IOException {
        // Digest admits only [a-f0-9] in hex and sha256/sha512 as the algorithm, so the path cannot escape
        Path p = dir.resolve("blobs").resolve(d.digest().algorithm()).resolve(d.digest().hex());
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException("blobs/" + d.digest().algorithm() + "/" + d.digest().hex());
        }
        return Files.newInputStream(p);
    }

    @Override
    public ResolvedImage image() {
        return image;
    }

    @Override
    public LayerStream openLayer(Layer layer) throws IOException {
        return LayerStream.of(blob(new Descriptor(layer.mediaType(), layer.blobDigest(), layer.size(), null, null)),
                layer, "layer " + layer.id());
    }
}
