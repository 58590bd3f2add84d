package io.jenkins.plugins.integrity.commits;

import io.jenkins.plugins.integrity.signing.FulcioCertificate;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Verifies X.509 commit signatures: detached CMS SignedData, as gpgsm and gitsign write them. The signer's
 * certificate must chain (through the certificates in the signature) to a configured root at the signing
 * time, be valid then, and may sign (digitalSignature, and an e-mail-protection or code-signing extended
 * key usage when it has one). Its identities are the e-mail addresses of its subject alternative names and
 * subject; a Sigstore (Fulcio) certificate also names the OIDC issuer that vouched for the identity.
 * Revocation (CRL, OCSP) is not checked, and the signing time is the signer's claim: no timestamp authority
 * or transparency log is consulted.
 */
final class X509Verifier {
    private static final String BEGIN = "-----BEGIN SIGNED MESSAGE-----";
    private static final String END = "-----END SIGNED MESSAGE-----";
    /** Fulcio's OIDC issuer extensions: v1 (raw string) and v2 (DER UTF8String). */

    private final X509Roots roots;
    private final List<String> sigstoreIssuers;

    X509Verifier(X509Roots roots, List<String> sigstoreIssuers) {
        this.roots = roots;
        this.sigstoreIssuers = List.copyOf(sigstoreIssuers);
    }

    Checked verify(GitCommit commit) {
        CMSSignedData cms;
        try {
            String s = commit.signature();
            int b = s.indexOf(BEGIN);
            int e = s.indexOf(END);
            if (b < 0 || e < b) {
                throw new IllegalArgumentException("no SIGNED MESSAGE armor");
            }
            byte[] der = Base64.getMimeDecoder().decode(s.substring(b + BEGIN.length(), e));
            cms = new CMSSignedData(new CMSProcessableByteArray(commit.payload()), der);
        } catch (CMSException | RuntimeException e) {
            return bad(commit, null, "the X.509 signature cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            return bad(commit, null, "the CMS signature has " + signers.size() + " signers, not one");
        }
        SignerInformation signer = signers.iterator().next();
        List<X509Certificate> certs = new ArrayList<>();
        X509Certificate leaf = null;
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (X509CertificateHolder h : cms.getCertificates().getMatches(null)) {
                X509Certificate c = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(h.getEncoded()));
                certs.add(c);
                if (signer.getSID().match(h)) {
                    leaf = c;
                }
            }
        } catch (CertificateException | java.io.IOException e) {
            return bad(commit, null, "a certificate in the signature cannot be read");
        }
        if (leaf == null) {
            return bad(commit, null, "the signature does not carry its signer's certificate");
        }
        String who = org.bouncycastle.asn1.x500.X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded())
                + " (serial " + leaf.getSerialNumber().toString(16) + ")";
        String issuer = FulcioCertificate.oidcIssuer(leaf);
        String signerName = issuer == null ? who : who + ", OIDC issuer " + issuer;
        List<String> emails = emails(leaf);
        boolean valid;
        try {
            // with the public key rather than the certificate: validity at the signing time is judged below
            valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(leaf.getPublicKey()));
        } catch (OperatorCreationException e) {
            return checked(commit, CommitStatus.UNSUPPORTED, signerName, "the signature's algorithm is not supported",
                    emails);
        } catch (CMSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            return checked(commit, CommitStatus.BAD_SIGNATURE, signerName,
                    "the signature does not match the commit (the commit was changed after signing, or the "
                            + "signature was made for another commit)", emails);
        }
        Instant when = signingTime(signer, commit.committer().when());
        try {
            leaf.checkValidity(Date.from(when));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return checked(commit, CommitStatus.EXPIRED_KEY, signerName, "the certificate was not valid at the signing"
                    + " time (" + when + "; valid " + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant() + ")", emails);
        }
        if (!FulcioCertificate.maySign(leaf)) {
            return checked(commit, CommitStatus.UNTRUSTED_KEY, signerName, "the certificate is not for signing", emails);
        }
        if (!chains(leaf, certs, when)) {
            return checked(commit, CommitStatus.UNTRUSTED_KEY, signerName,
                    "the certificate does not chain to a trusted root", emails);
        }
        if (issuer != null && !sigstoreIssuers.isEmpty() && !sigstoreIssuers.contains(issuer)) {
            return checked(commit, CommitStatus.UNTRUSTED_KEY, signerName, "the OIDC issuer " + issuer
                    + " is not one the policy trusts", emails);
        }
        return checked(commit, CommitStatus.VERIFIED, signerName, "good X.509 signature by " + signerName, emails);
    }

    private boolean chains(X509Certificate leaf, List<X509Certificate> certs, Instant when) {
        return FulcioCertificate.chains(leaf, certs, roots.certificates(), when);
    }

    private static Instant signingTime(SignerInformation signer, Instant fallback) {
        if (signer.getSignedAttributes() == null) {
            return fallback;
        }
        Attribute a = signer.getSignedAttributes().get(CMSAttributes.signingTime);
        if (a == null || a.getAttrValues().size() != 1) {
            return fallback;
        }
        return Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant();
    }

    private static List<String> emails(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(1).equals(san.get(0))) { // rfc822Name
                        out.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // no usable alternative names
        }
        for (String rdn : cert.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253)
                .split(",")) {
            if (rdn.startsWith("1.2.840.113549.1.9.1=#")) { // emailAddress, as an encoded IA5String
                try {
                    ASN1Primitive p = ASN1Primitive.fromByteArray(java.util.HexFormat.of().parseHex(rdn.substring(22)));
                    out.add(((ASN1String) p).getString().toLowerCase(Locale.ROOT));
                } catch (java.io.IOException | RuntimeException e) {
                    // not an address
                }
            }
        }
        return out;
    }

    private static Checked bad(GitCommit commit, String signer, String detail) {
        return checked(commit, CommitStatus.BAD_SIGNATURE, signer, detail, List.of());
    }

    private static Checked checked(GitCommit commit, CommitStatus status, String signer, String detail,
            List<String> emails) {
        return new Checked(Verdict.of(commit, status, SignatureKind.X509, signer, detail),
                email -> emails.contains(email.toLowerCase(Locale.ROOT)));
    }
}
