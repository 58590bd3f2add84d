package io.jenkins.plugins.integrity.commits;

/**
 * The verdict on one commit: its status, the signature's format, who signed it (an OpenPGP fingerprint or an
 * SSH key fingerprint with the principals that own it) and the identity the policy matched, or why not.
 */
public record Verdict(GitCommit commit, CommitStatus status, SignatureKind kind, String signer, String identity,
        String detail) {

    static Verdict of(GitCommit commit, CommitStatus status, SignatureKind kind, String signer, String detail) {
        return new Verdict(commit, status, kind, signer, null, detail);
    }

    Verdict withStatus(CommitStatus newStatus, String newDetail) {
        return new Verdict(commit, newStatus, kind, signer, identity, newDetail);
    }

    Verdict withIdentity(String matched) {
        return new Verdict(commit, status, kind, signer, matched, detail);
    }
}
