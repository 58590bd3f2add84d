package io.jenkins.plugins.integrity.oci;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where an image is: in a registry ({@code registry/repository:tag}, {@code registry/repository@sha256:<hex>},
 * or with skopeo's {@code docker://} prefix), or local under skopeo's transport names: {@code oci:DIR[:tag]}
 * (an OCI image layout), {@code oci-archive:FILE[:tag]}, {@code docker-archive:FILE[:name:tag]} (a
 * {@code docker save} tarball). A name without a registry is on Docker Hub, as with {@code docker pull}.
 */
public record ImageReference(Transport transport, String registry, String repository, String tag, Digest digest,
        Path path) {
    public enum Transport { REGISTRY, OCI_LAYOUT, OCI_ARCHIVE, DOCKER_ARCHIVE }

    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]{1,5})?|\\[[0-9A-Fa-f:]+\\](?::[0-9]{1,5})?");

    /** @throws IllegalArgumentException naming what is wrong with the reference */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an image reference is missing");
        }
        String t = text.trim();
        if (t.startsWith("oci:")) {
            return local(Transport.OCI_LAYOUT, t.substring(4), false);
        }
        if (t.startsWith("oci-archive:")) {
            return local(Transport.OCI_ARCHIVE, t.substring(12), false);
        }
        if (t.startsWith("docker-archive:")) {
            return local(Transport.DOCKER_ARCHIVE, t.substring(15), true);
        }
        if (t.startsWith("docker://")) {
            t = t.substring(9);
        }
        return registry(t);
    }

    private static ImageReference local(Transport transport, String rest, boolean nameAndTag) {
        String file = rest;
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (nameAndTag) {
            // docker-archive:FILE:name:tag — the image is named with its repository and tag
            int first = rest.indexOf(':');
            if (first > 0 && colon > first) {
                file = rest.substring(0, first);
                tag = rest.substring(first + 1);
            }
        } else if (colon > 0 && TAG.matcher(rest.substring(colon + 1)).matches()) {
            file = rest.substring(0, colon);
            tag = rest.substring(colon + 1);
        }
        if (file.isEmpty()) {
            throw new IllegalArgumentException("the image reference names no " + (transport == Transport.OCI_LAYOUT
                    ? "directory" : "file"));
        }
        return new ImageReference(transport, null, null, tag, null, Path.of(file));
    }

    private static ImageReference registry(String text) {
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Digest.parse(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("'" + tag + "' is not a valid tag");
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")) {
                if (!HOST.matcher(first).matches()) {
                    throw new IllegalArgumentException("'" + first + "' is not a registry host");
                }
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        for (String part : rest.split("/", -1)) {
            if (!COMPONENT.matcher(part).matches()) {
                throw new IllegalArgumentException("'" + rest + "' is not a valid repository name");
            }
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(Transport.REGISTRY, registry, rest, tag, digest, null);
    }

    /** The same image pinned to a digest (for a registry reference). */
    public ImageReference withDigest(Digest d) {
        return new ImageReference(transport, registry, repository, tag, d, path);
    }

    @Override
    public String toString() {
        return switch (transport) {
            case REGISTRY -> registry + "/" + repository + (tag != null ? ":" + tag : "")
                    + (digest != null ? "@" + digest : "");
            case OCI_LAYOUT -> "oci:" + path + (tag != null ? ":" + tag : "");
            case OCI_ARCHIVE -> "oci-archive:" + path + (tag != null ? ":" + tag : "");
            case DOCKER_ARCHIVE -> "docker-archive:" + path + (tag != null ? ":" + tag : "");
        };
    }
}
