package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.RegistryCredentials;
import picocli.CommandLine.Option;

/** How the commands that reach a registry log in to it: a user, the password from the environment, plain HTTP. */
final class RegistryOptions {
    @Option(names = "--registry-username", paramLabel = "USER", description = "Log in to the registry as this user;"
            + " the password or token is read from the environment variable " + SbomCommand.PASSWORD_ENV)
    String username;

    @Option(names = "--plain-http", description = "Speak plain HTTP to a registry that is not on a loopback address")
    boolean plainHttp;

    RegistryClient client(String registry) {
        return new RegistryClient(registry, credentials(), plainHttp);
    }

    /** The login, or null without --registry-username. */
    RegistryCredentials credentials() {
        if (username == null) {
            return null;
        }
        String secret = System.getenv(SbomCommand.PASSWORD_ENV);
        if (secret == null || secret.isEmpty()) {
            throw new io.jenkins.plugins.integrity.check.InvalidInputException("--registry-username",
                    "needs a password in " + SbomCommand.PASSWORD_ENV);
        }
        return new RegistryCredentials(username, secret);
    }
}
