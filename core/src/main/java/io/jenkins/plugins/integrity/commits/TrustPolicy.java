package io.jenkins.plugins.integrity.commits;

import io.jenkins.plugins.integrity.secrets.Glob;
import java.util.List;
import java.util.Map;

/**
 * Who may sign the commits of a repository. It must come from outside the repository being verified (the
 * controller's configuration, or a file the release manager keeps), or an attacker who can push a commit
 * could also push the keys that make it pass.
 *
 * @param openPgpKeys trusted OpenPGP keys
 * @param allowedSigners trusted SSH keys and CAs, with their principals
 * @param revokedSshKeys SSH keys that no longer count, whatever allowed_signers says
 * @param identity whose e-mail address a signer's identities are matched with
 * @param requireIdentityMatch whether a good signature by a trusted key must also name that person
 *     (else IDENTITY_MISMATCH)
 * @param acceptSignaturesMadeBeforeExpiry whether an expired OpenPGP key's signatures made while it was valid
 *     pass (default false: an expired key fails)
 * @param groups named lists of e-mail patterns (OpenSSH patterns: {@code *}, {@code ?})
 * @param pathRules changes to these paths need a signer from that group
 * @param mergeCommitters merge commits by these committers (a hosting service's merge button) may be unsigned
 * @param x509Roots trusted roots for X.509 (CMS) signatures
 * @param sigstoreIssuers when not empty, the OIDC issuers a Sigstore (Fulcio) certificate may name
 */
public record TrustPolicy(OpenPgpKeys openPgpKeys, AllowedSigners allowedSigners, SshKeyList revokedSshKeys,
        Identity identity, boolean requireIdentityMatch, boolean acceptSignaturesMadeBeforeExpiry,
        Map<String, List<String>> groups, List<PathRule> pathRules, List<String> mergeCommitters,
        X509Roots x509Roots, List<String> sigstoreIssuers) {

    /** Whose e-mail address is compared with the signer's identities. */
    public enum Identity { COMMITTER, AUTHOR }

    /** Changes to any of these paths need a signer whose identity is in the group. */
    public record PathRule(List<String> paths, String group) {
        public PathRule {
            paths = List.copyOf(paths);
        }

        boolean covers(List<String> changed) {
            List<Glob> globs = paths.stream().map(Glob::new).toList();
            return changed.stream().anyMatch(p -> globs.stream().anyMatch(g -> g.matches(p)));
        }
    }

    public TrustPolicy {
        groups = groups.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        pathRules = List.copyOf(pathRules);
        mergeCommitters = List.copyOf(mergeCommitters);
        sigstoreIssuers = List.copyOf(sigstoreIssuers);
        for (PathRule r : pathRules) {
            if (!groups.containsKey(r.group())) {
                throw new IllegalArgumentException("a path rule names the group '" + r.group() + "', which is not defined");
            }
        }
    }

    /** Keys and signers only, everything else at its default. */
    public static TrustPolicy of(OpenPgpKeys keys, AllowedSigners signers, boolean requireIdentityMatch) {
        return new TrustPolicy(keys, signers, SshKeyList.none(), Identity.COMMITTER, requireIdentityMatch, false,
                Map.of(), List.of(), List.of(), X509Roots.none(), List.of());
    }

    public TrustPolicy withRequireIdentityMatch(boolean require) {
        return new TrustPolicy(openPgpKeys, allowedSigners, revokedSshKeys, identity, require,
                acceptSignaturesMadeBeforeExpiry, groups, pathRules, mergeCommitters, x509Roots, sigstoreIssuers);
    }

    public TrustPolicy withKeys(OpenPgpKeys moreKeys, AllowedSigners moreSigners, X509Roots moreRoots) {
        return new TrustPolicy(openPgpKeys.and(moreKeys), allowedSigners.and(moreSigners), revokedSshKeys, identity,
                requireIdentityMatch, acceptSignaturesMadeBeforeExpiry, groups, pathRules, mergeCommitters,
                x509Roots.and(moreRoots), sigstoreIssuers);
    }

    boolean inGroup(String group, String email) {
        return groups.getOrDefault(group, List.of()).stream().anyMatch(p -> Patterns.matches(p, email));
    }

    public boolean trustsNothing() {
        return openPgpKeys.size() == 0 && allowedSigners.size() == 0 && x509Roots.size() == 0;
    }
}
