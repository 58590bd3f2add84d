package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.signing.IdentityPolicy;
import io.jenkins.plugins.integrity.signing.KeylessPolicy;
import io.jenkins.plugins.integrity.signing.TrustedRoot;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Whom {@code verify} trusts for keyless signatures: the certificate identity and OIDC issuer (exact or pattern,
 * with cosign's option names) and the Sigstore trusted root holding the CAs and logs.
 */
final class CertificateOptions {
    private static final long MAX_ROOT = 4 << 20;

    @Option(names = "--certificate-identity", paramLabel = "ID",
            description = "Keyless: the identity the signing certificate must name (email or URI), exactly")
    String identity;

    @Option(names = "--certificate-identity-regexp", paramLabel = "RE",
            description = "Keyless: a pattern (RE2) the whole identity must match, instead of --certificate-identity")
    String identityRegexp;

    @Option(names = "--certificate-oidc-issuer", paramLabel = "URL",
            description = "Keyless: the OIDC issuer the certificate must name, exactly")
    String issuer;

    @Option(names = "--certificate-oidc-issuer-regexp", paramLabel = "RE",
            description = "Keyless: a pattern (RE2) the whole issuer must match, instead of --certificate-oidc-issuer")
    String issuerRegexp;

    @Option(names = "--trusted-root", paramLabel = "FILE", description = "Keyless: the Sigstore trusted_root.json"
            + " with the Fulcio CAs and Rekor logs to trust (the public-good one, or your deployment's)")
    Path trustedRoot;

    boolean given() {
        return identity != null || identityRegexp != null || issuer != null || issuerRegexp != null || trustedRoot != null;
    }

    /**
     * The keyless policy when any of these options is given, else null.
     * @throws picocli.CommandLine.ParameterException when it is incomplete or ambiguous
     */
    KeylessPolicy policyIfGiven(picocli.CommandLine commandLine) {
        if (!given()) {
            return null;
        }
        try {
            return policy();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    /** @throws IllegalArgumentException (a usage error) when the policy is incomplete or ambiguous */
    KeylessPolicy policy() {
        if ((identity == null) == (identityRegexp == null)) {
            throw new IllegalArgumentException("keyless verification needs one of --certificate-identity and"
                    + " --certificate-identity-regexp");
        }
        if ((issuer == null) == (issuerRegexp == null)) {
            throw new IllegalArgumentException("keyless verification needs one of --certificate-oidc-issuer and"
                    + " --certificate-oidc-issuer-regexp");
        }
        if (trustedRoot == null) {
            throw new IllegalArgumentException("keyless verification needs --trusted-root");
        }
        IdentityPolicy id = new IdentityPolicy(identity != null ? identity : identityRegexp, identity == null,
                issuer != null ? issuer : issuerRegexp, issuer == null);
        try {
            return new KeylessPolicy(TrustedRoot.parse(InputFiles.readBytes(trustedRoot, MAX_ROOT, "a trusted root")), id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(trustedRoot.toString(), e.getMessage());
        }
    }
}
