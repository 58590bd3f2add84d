package io.jenkins.plugins.integrity.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.oci.BaseImage;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.RegistryCredentials;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * The base images the build's images declare (OCI base annotations), read from the agent where the registry is
 * reached: a JSON array of {@code name}, {@code sha256}. An image whose manifest cannot be read declares nothing
 * here; attaching the provenance to it then reports why.
 */
final class BaseImagesCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final String images;
    private final String username;
    private final String password;
    private final boolean plainHttp;

    BaseImagesCallable(String images, String[] login, boolean plainHttp) {
        this.images = images;
        this.username = login[0];
        this.password = login[1];
        this.plainHttp = plainHttp;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) {
        ObjectMapper json = new ObjectMapper();
        ArrayNode out = json.createArrayNode();
        for (String i : images.split(",")) {
            ImageReference ref = ImageReference.parse(i.trim());
            try {
                RegistryClient registry = new RegistryClient(ref.registry(), username == null ? null
                        : new RegistryCredentials(username, password), plainHttp);
                BaseImage base = BaseImage.declared(registry.manifest(ref.repository(), ref.digest().toString()).bytes());
                if (base != null && base.digest().algorithm().equals("sha256")) {
                    out.addObject().put("name", base.name()).put("sha256", base.digest().hex());
                }
            } catch (IOException | IllegalArgumentException e) {
                // nothing is declared that can be read; the attachment reports the registry's answer
            }
        }
        return out.toString();
    }
}
