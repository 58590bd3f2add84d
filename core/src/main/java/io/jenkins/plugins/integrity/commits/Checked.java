package io.jenkins.plugins.integrity.commits;

import java.util.function.Predicate;

/**
 * What a signature verifier found: the verdict, and whether an e-mail address is one of the signer's
 * identities (an OpenPGP key's certified user IDs, an SSH key's principals), for the policy to match.
 */
record Checked(Verdict verdict, Predicate<String> identifies) {
    static Checked of(GitCommit commit, CommitStatus status, SignatureKind kind, String signer, String detail) {
        return new Checked(Verdict.of(commit, status, kind, signer, detail), email -> false);
    }
}
