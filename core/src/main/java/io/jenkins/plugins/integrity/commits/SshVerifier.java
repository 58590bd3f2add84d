package io.jenkins.plugins.integrity.commits;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Verifies SSH commit signatures (SSHSIG, namespace {@code git}) against {@code allowed_signers}, as
 * {@code git verify-commit} with {@code gpg.ssh.allowedSignersFile} does: the key (or, for an OpenSSH
 * certificate, its CA with {@code cert-authority}) must be listed for the {@code git} namespace and be valid
 * ({@code valid-after}/{@code valid-before}, the certificate's validity) at the commit's time.
 */
final class SshVerifier {
    static final String NAMESPACE = "git";
    private static final int USER_CERTIFICATE = 1;

    private final AllowedSigners signers;
    private final List<SshKey> revoked;

    SshVerifier(AllowedSigners signers, SshKeyList revoked) {
        this.signers = signers;
        this.revoked = revoked.keys();
    }

    Checked verify(GitCommit commit) {
        SshSignature sig;
        try {
            sig = SshSignature.parse(commit.signature());
        } catch (UnsupportedOperationException e) {
            return Checked.of(commit, CommitStatus.UNSUPPORTED, SignatureKind.SSH, null, "the SSH signature uses "
                    + e.getMessage() + ", which is not supported");
        } catch (RuntimeException e) {
            return Checked.of(commit, CommitStatus.BAD_SIGNATURE, SignatureKind.SSH, null,
                    "the SSH signature cannot be read (" + e.getMessage() + ")");
        }
        SshKey key = sig.key();
        String signer = key.fingerprint() + " (" + key.type() + ")";
        if (!NAMESPACE.equals(sig.namespace())) {
            return checked(commit, CommitStatus.BAD_SIGNATURE, signer, "signed for the namespace '" + sig.namespace()
                    + "', not 'git': the signature was made for something else");
        }
        boolean valid;
        try {
            valid = sig.verifies(commit.payload());
        } catch (UnsupportedOperationException e) {
            return checked(commit, CommitStatus.UNSUPPORTED, signer, e.getMessage() + " is not supported");
        } catch (RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            return checked(commit, CommitStatus.BAD_SIGNATURE, signer,
                    "the signature does not match the commit (the commit was changed after signing, or the "
                            + "signature was made for another commit)");
        }
        if (revoked.stream().anyMatch(r -> r.sameKey(key) || (key.certificate() != null
                && r.sameKey(key.certificate().ca())))) {
            return checked(commit, CommitStatus.REVOKED_KEY, signer, "the key is on the revoked-keys list");
        }
        SshKey.Certificate cert = key.certificate();
        List<AllowedSigners.Entry> listed = signers.entries().stream()
                .filter(e -> cert == null ? !e.certAuthority() && e.key().sameKey(key)
                        : e.certAuthority() && e.key().sameKey(cert.ca()))
                .toList();
        if (listed.isEmpty()) {
            return checked(commit, CommitStatus.UNTRUSTED_KEY, signer, cert == null
                    ? "the key is not in allowed_signers" : "the certificate's CA is not a cert-authority in allowed_signers");
        }
        List<AllowedSigners.Entry> forGit = listed.stream().filter(e -> e.allowsNamespace(NAMESPACE)).toList();
        if (forGit.isEmpty()) {
            return checked(commit, CommitStatus.UNTRUSTED_KEY, signer,
                    "allowed_signers does not allow this key for the 'git' namespace");
        }
        if (cert != null && (!cert.caSignatureValid() || cert.certType() != USER_CERTIFICATE)) {
            return checked(commit, CommitStatus.BAD_SIGNATURE, signer, "the certificate is not a user certificate"
                    + " signed by its CA");
        }
        Instant when = commit.committer().when();
        List<AllowedSigners.Entry> current = forGit.stream().filter(e -> e.validAt(when)).toList();
        if (current.isEmpty() || (cert != null && !certificateValidAt(cert, when))) {
            return checked(commit, CommitStatus.EXPIRED_KEY, signer,
                    "the key was not valid at the commit's time (" + when + ")");
        }
        List<AllowedSigners.Entry> owners = cert == null ? current : current.stream()
                .filter(e -> cert.principals().stream().anyMatch(e::hasPrincipal)).toList();
        if (owners.isEmpty()) {
            return checked(commit, CommitStatus.UNTRUSTED_KEY, signer,
                    "none of the certificate's principals is allowed by its cert-authority line");
        }
        String principals = owners.stream().flatMap(e -> e.principals().stream()).distinct()
                .collect(Collectors.joining(","));
        String who = signer + " for " + principals;
        return new Checked(Verdict.of(commit, CommitStatus.VERIFIED, SignatureKind.SSH, who,
                "good SSH signature by " + who), email -> owns(owners, cert, email));
    }

    private static boolean owns(List<AllowedSigners.Entry> owners, SshKey.Certificate cert, String email) {
        String e = email.toLowerCase(Locale.ROOT);
        if (cert != null && cert.principals().stream().noneMatch(p -> p.equalsIgnoreCase(e))) {
            return false;
        }
        return owners.stream().anyMatch(o -> o.hasPrincipal(e));
    }

    private static boolean certificateValidAt(SshKey.Certificate cert, Instant when) {
        long t = when.getEpochSecond();
        return Long.compareUnsigned(t, cert.validAfter()) >= 0 && Long.compareUnsigned(t, cert.validBefore()) < 0;
    }

    private static Checked checked(GitCommit commit, CommitStatus status, String signer, String detail) {
        return Checked.of(commit, status, SignatureKind.SSH, signer, detail);
    }
}
