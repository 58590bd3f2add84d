package io.jenkins.plugins.integrity.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.RegistryCredentials;
import io.jenkins.plugins.integrity.signing.Attestations;
import io.jenkins.plugins.integrity.signing.Dsse;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jenkins.MasterToSlaveFileCallable;

/**
 * Attaches provenance the controller signed to an image, from the agent (the registry is reached from where the
 * build runs). Only the signed envelope and the registry login cross the channel, never the signing key; an agent
 * that alters the envelope only makes it fail verification.
 */
final class AttachProvenanceCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final String image;
    private final String envelope;
    private final String keyHint;
    private final String username;
    private final String password;
    private final boolean plainHttp;

    AttachProvenanceCallable(String image, String envelope, String keyHint, String[] login, boolean plainHttp) {
        this.image = image;
        this.envelope = envelope;
        this.keyHint = keyHint;
        this.username = login[0];
        this.password = login[1];
        this.plainHttp = plainHttp;
    }

    /** @return where the provenance was attached, for the log */
    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException {
        ImageReference ref = ImageReference.parse(image);
        RegistryClient registry = new RegistryClient(ref.registry(), username == null ? null
                : new RegistryCredentials(username, password), plainHttp);
        try {
            new Attestations(registry).attach(ref, Dsse.Envelope.parse(envelope.getBytes(StandardCharsets.UTF_8)),
                    keyHint);
        } catch (IllegalArgumentException e) {
            throw new IOException(image + ": " + e.getMessage(), e);
        }
        return ref.registry() + "/" + ref.repository() + "@" + ref.digest();
    }
}
