package io.jenkins.plugins.integrity.oci;

/** Opens an image wherever its reference says it is. */
public final class ImageSources {
    /**
     * How images are fetched: the platform chosen from a multi-platform index, credentials for registries
     * (null for anonymous), and whether registries that are not loopback are spoken to over plain HTTP.
     */
    public record Options(Platform platform, RegistryCredentials credentials, boolean plainHttp) {
        public Options {
            platform = platform == null ? Platform.LINUX_AMD64 : platform;
        }

        public static Options defaults() {
            return new Options(Platform.LINUX_AMD64, null, false);
        }
    }

    private ImageSources() {}

    /** @throws io.jenkins.plugins.integrity.check.InvalidInputException naming the image when it cannot be read */
    public static ImageSource open(ImageReference ref, Options options) {
        return switch (ref.transport()) {
            case OCI_LAYOUT -> new OciLayoutSource(ref, options.platform());
            case OCI_ARCHIVE, DOCKER_ARCHIVE -> new ArchiveSource(ref, options.platform());
            case REGISTRY -> new RegistrySource(ref, options.platform(), options.credentials(), options.plainHttp());
        };
    }
}
