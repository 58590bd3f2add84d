package io.jenkins.plugins.integrity.signing;

import io.jenkins.plugins.integrity.signing.SignatureVerifier.Result;
import io.jenkins.plugins.integrity.signing.SignatureVerifier.Verdict;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The keyless half of a verdict, once the certificate's key has verified the signature: the log entries, the
 * certificate's validity at the time they prove, its chain to a trusted CA, and the identity policy, in that
 * order, so that the first failure is the one reported.
 */
final class KeylessCheck {
    private final KeylessPolicy policy;

    KeylessCheck(KeylessPolicy policy) {
        this.policy = policy;
    }

    Result judge(SigstoreBundle bundle, X509Certificate cert, byte[] sha256) {
        return judge(bundle.tlogEntries(), cert, bundle.certificate(), sha256, bundle.messageSignature().signature());
    }

    /**
     * @param sha256 the digest of what was signed (a file, or an image signature's payload)
     * @param signature the signature the certificate's key verified
     */
    Result judge(List<TlogEntry> entries, X509Certificate cert, byte[] certificateDer, byte[] sha256, byte[] signature) {
        Instant when = null;
        TlogVerifier tlog = new TlogVerifier(policy.root());
        for (TlogEntry e : entries) {
            try {
                Instant t = tlog.verify(e, sha256, signature, certificateDer);
                when = when == null || t.isBefore(when) ? t : when;
            } catch (TlogVerifier.InvalidEntryException ex) {
                return new Result(Verdict.INVALID_TLOG_ENTRY, "the transparency log entry " + e.logIndex()
                        + " does not verify: " + ex.getMessage(), null);
            }
        }
        boolean logged = when != null;
        if (!logged) {
            when = policy.clock().instant();
        }
        try {
            cert.checkValidity(Date.from(when));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return new Result(Verdict.CERTIFICATE_EXPIRED, "the certificate was valid from "
                    + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + ", not at " + when
                    + (logged ? ", when the log integrated the signature"
                            : " (now): no transparency log entry proves when it signed"), null);
        }
        if (!FulcioCertificate.maySign(cert)) {
            return new Result(Verdict.UNTRUSTED_CERTIFICATE, "the certificate is not for code signing", null);
        }
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        for (TrustedRoot.CertificateAuthority ca : policy.root().certificateAuthorities()) {
            if (ca.validFor().contains(when)) {
                anchors.add(ca.chain().get(ca.chain().size() - 1));
                intermediates.addAll(ca.chain().subList(0, ca.chain().size() - 1));
            }
        }
        if (!FulcioCertificate.chains(cert, intermediates, anchors, when)) {
            return new Result(Verdict.UNTRUSTED_CERTIFICATE, "the certificate (issued by "
                    + cert.getIssuerX500Principal().getName() + ") does not chain to a certificate authority of the"
                    + " trusted root valid at " + when, null);
        }
        List<String> identities = FulcioCertificate.identities(cert);
        String issuer = FulcioCertificate.oidcIssuer(cert);
        String mismatch = policy.identity().mismatch(identities, issuer);
        if (mismatch != null) {
            return new Result(Verdict.IDENTITY_MISMATCH, mismatch, null);
        }
        return new Result(Verdict.VERIFIED, "signed by " + identities.get(0) + " (OIDC issuer " + issuer + ")"
                + (logged ? ", logged at " + when : ""), null);
    }
}
