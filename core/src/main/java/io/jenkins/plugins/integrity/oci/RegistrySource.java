package io.jenkins.plugins.integrity.oci;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;

/** An image pulled from a registry: the manifest by tag or digest, then config and layers by digest. */
final class RegistrySource implements ImageSource {
    private final RegistryClient client;
    private final String repository;
    private final ResolvedImage image;

    RegistrySource(ImageReference ref, Platform platform, RegistryCredentials credentials, boolean plainHttp) {
        this.client = new RegistryClient(ref.registry(), credentials, plainHttp);
        this.repository = ref.repository();
        String name = ref.toString();
        try {
            String reference = ref.digest() != null ? ref.digest().toString() : ref.tag();
            RegistryClient.Fetched top = client.manifest(repository, reference);
            this.image = LayoutResolver.fromDocument(name, top.digest(), top.bytes(), top.mediaType(), platform,
                    d -> client.blobOrManifest(repository, d), 0);
        } catch (IOException e) {
            throw new InvalidInputException(name, e.getMessage() == null ? "cannot be pulled" : e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, e.getMessage());
        }
    }

    @Override
    public ResolvedImage image() {
        return image;
    }

    @Override
    public LayerStream openLayer(Layer layer) throws IOException {
        return LayerStream.of(client.blob(repository, layer.blobDigest()), layer, "layer " + layer.id());
    }
}
