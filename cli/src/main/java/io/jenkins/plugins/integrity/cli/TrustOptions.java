package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.commits.AllowedSigners;
import io.jenkins.plugins.integrity.commits.OpenPgpKeys;
import io.jenkins.plugins.integrity.commits.TrustPolicy;
import io.jenkins.plugins.integrity.commits.TrustPolicyReader;
import io.jenkins.plugins.integrity.commits.X509Roots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Who may sign commits: the options that {@code verify-commits} and {@code audit} share. */
final class TrustOptions {
    private static final long MAX_KEYS = 16L << 20;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "A trust policy (YAML: keys, identities, groups, path rules); see docs/trust-policy.md")
    Path policy;

    @Option(names = "--openpgp-keys", paramLabel = "FILE",
            description = "Trusted OpenPGP public keys (gpg --export [--armor]); repeatable")
    List<Path> openPgpKeys = new ArrayList<>();

    @Option(names = "--allowed-signers", paramLabel = "FILE",
            description = "Trusted SSH signers, in git's allowed_signers format; repeatable")
    List<Path> allowedSigners = new ArrayList<>();

    @Option(names = "--x509-roots", paramLabel = "FILE",
            description = "Trusted X.509 root certificates (PEM or DER) for gpgsm and gitsign signatures; repeatable")
    List<Path> x509Roots = new ArrayList<>();

    @Option(names = "--require-identity-match",
            description = "A good signature must also be by the committer: a trusted key whose identities do not"
                    + " include the committer's e-mail gives IDENTITY_MISMATCH")
    boolean requireIdentityMatch;

    /** Whether any trust was given at all. */
    boolean given() {
        return policy != null || !openPgpKeys.isEmpty() || !allowedSigners.isEmpty() || !x509Roots.isEmpty();
    }

    /** The policy file (if any) with the keys of the other options added. */
    TrustPolicy policy() {
        OpenPgpKeys keys = OpenPgpKeys.none();
        for (Path p : openPgpKeys) {
            keys = keys.and(OpenPgpKeys.read(InputFiles.readBytes(p, MAX_KEYS, "an OpenPGP keyring"), p.toString()));
        }
        AllowedSigners signers = AllowedSigners.none();
        for (Path p : allowedSigners) {
            signers = signers.and(AllowedSigners.read(InputFiles.readBytes(p, MAX_KEYS, "an allowed_signers file"),
                    p.toString()));
        }
        X509Roots roots = X509Roots.none();
        for (Path p : x509Roots) {
            roots = roots.and(X509Roots.read(InputFiles.readBytes(p, MAX_KEYS, "a certificate file"), p.toString()));
        }
        TrustPolicy trust = (policy == null ? TrustPolicy.of(OpenPgpKeys.none(), AllowedSigners.none(), false)
                : TrustPolicyReader.read(policy)).withKeys(keys, signers, roots);
        return requireIdentityMatch ? trust.withRequireIdentityMatch(true) : trust;
    }
}
