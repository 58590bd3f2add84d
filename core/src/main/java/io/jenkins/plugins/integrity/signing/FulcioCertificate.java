package io.jenkins.plugins.integrity.signing;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * What a code-signing certificate says about its signer, read the way Fulcio writes it: the subject alternative
 * names (email or URI: the identity), the OIDC issuer extension (1.3.6.1.4.1.57264.1.8, or the legacy .1.1), the
 * key usages that allow signing, and whether it chains to trusted anchors at a given instant.
 * https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md
 */
public final class FulcioCertificate {
    static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
    static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
    private static final Set<String> SIGNING_EKUS = Set.of("1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.3", "2.5.29.37.0");
    private static final int RFC822_NAME = 1;
    private static final int URI = 6;

    private FulcioCertificate() {}

    /** @throws IllegalArgumentException when the bytes are not one DER X.509 certificate */
    public static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (java.security.cert.CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("not an X.509 certificate");
        }
    }

    /** The OIDC issuer a Fulcio certificate names, or null for other certificates. */
    public static String oidcIssuer(X509Certificate cert) {
        byte[] v2 = cert.getExtensionValue(ISSUER_V2);
        byte[] v1 = cert.getExtensionValue(ISSUER_V1);
        try {
            if (v2 != null) {
                ASN1Encodable inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
                return ((ASN1String) inner).getString();
            }
            if (v1 != null) {
                return new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "(unreadable issuer)";
        }
        return null;
    }

    /** The email addresses and URIs among the subject alternative names, as written. */
    public static List<String> identities(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if (Integer.valueOf(RFC822_NAME).equals(type) || Integer.valueOf(URI).equals(type)) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // no usable alternative names
        }
        return out;
    }

    /** Whether the key usages (when present) allow signatures: digitalSignature and a signing extended usage. */
    public static boolean maySign(X509Certificate leaf) {
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && !ku[0]) {
            return false;
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            return eku == null || eku.stream().anyMatch(SIGNING_EKUS::contains);
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    /**
     * Whether a path from the leaf through some of {@code intermediates} ends at one of {@code anchors}, every
     * certificate on it valid at {@code when}. Revocation is not checked (Fulcio certificates live minutes).
     */
    public static boolean chains(X509Certificate leaf, List<X509Certificate> intermediates,
            Collection<X509Certificate> anchors, Instant when) {
        if (anchors.isEmpty()) {
            return false;
        }
        try {
            Set<TrustAnchor> trust = new HashSet<>();
            for (X509Certificate r : anchors) {
                trust.add(new TrustAnchor(r, null));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(trust, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(when));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(intermediates)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
