package io.jenkins.plugins.integrity.oci;

import java.util.Objects;

/** A user name and password (or access token) for a registry; {@link #toString()} never shows the secret. */
public record RegistryCredentials(String username, String secret) {
    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "RegistryCredentials[" + username + ", ****]";
    }
}
