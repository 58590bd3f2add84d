package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.signing.FulcioClient;
import io.jenkins.plugins.integrity.signing.KeylessSigner;
import io.jenkins.plugins.integrity.signing.OidcToken;
import io.jenkins.plugins.integrity.signing.RekorClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How {@code sign --keyless} reaches Sigstore: the Fulcio and Rekor of a deployment (the public-good instance by
 * default) and where the OIDC identity token is, never on the command line.
 */
final class KeylessOptions {
    static final String TOKEN_ENV = "SIGSTORE_ID_TOKEN";
    private static final long MAX_TOKEN = 64 << 10;

    @Option(names = "--keyless", description = "Sign with a short-lived Fulcio certificate for the identity of an"
            + " OIDC token, recorded in Rekor, instead of a key")
    boolean keyless;

    @Option(names = "--fulcio-url", paramLabel = "URL", defaultValue = FulcioClient.PUBLIC_GOOD,
            description = "With --keyless: the Fulcio CA (default: ${DEFAULT-VALUE})")
    String fulcioUrl;

    @Option(names = "--rekor-url", paramLabel = "URL", defaultValue = RekorClient.PUBLIC_GOOD,
            description = "With --keyless: the Rekor transparency log (default: ${DEFAULT-VALUE})")
    String rekorUrl;

    @Option(names = "--identity-token-env", paramLabel = "NAME", defaultValue = TOKEN_ENV,
            description = "With --keyless: the environment variable holding the OIDC token (default: ${DEFAULT-VALUE})")
    String tokenEnv;

    @Option(names = "--identity-token-file", paramLabel = "FILE",
            description = "With --keyless: a file holding the OIDC token, instead of the environment")
    Path tokenFile;

    /** The token from its file or the environment. @throws InvalidInputException saying where it was looked for */
    OidcToken token() {
        String text;
        String where;
        if (tokenFile != null) {
            text = InputFiles.readText(tokenFile, MAX_TOKEN, "an identity token");
            where = tokenFile.toString();
        } else {
            text = System.getenv(tokenEnv);
            where = "$" + tokenEnv;
            if (text == null || text.isBlank()) {
                throw new InvalidInputException(where, "no OIDC identity token (set it, or give --identity-token-file)");
            }
        }
        try {
            return OidcToken.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where, e.getMessage());
        }
    }

    /** @throws InvalidInputException naming the URL that is not https (or http to loopback) */
    KeylessSigner signer() {
        FulcioClient fulcio;
        RekorClient rekor;
        try {
            fulcio = new FulcioClient(fulcioUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--fulcio-url " + fulcioUrl, e.getMessage());
        }
        try {
            rekor = new RekorClient(rekorUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--rekor-url " + rekorUrl, e.getMessage());
        }
        return new KeylessSigner(fulcio, rekor);
    }
}
