package io.jenkins.plugins.integrity.signing;

import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Trusted public keys, from PEM ({@code BEGIN PUBLIC KEY}, as {@code openssl pkey -pubout} and cosign write them). */
public final class PublicKeys {
    private PublicKeys() {}

    /** Whether one of the keys verifies the signature over the message; a malformed signature verifies nothing. */
    public static boolean anyVerifies(java.util.List<PublicKey> keys, byte[] message, byte[] signature) {
        for (PublicKey k : keys) {
            try {
                java.security.Signature s = java.security.Signature.getInstance(KeyAlgorithm.of(k).jcaName(),
                        SigningKey.BC);
                s.initVerify(k);
                s.update(message);
                if (s.verify(signature)) {
                    return true;
                }
            } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                // a malformed signature, or a key of another kind, verifies nothing
            }
        }
        return false;
    }

    /** @throws IllegalArgumentException when the PEM is not an ECDSA P-256 or Ed25519 public key */
    public static PublicKey fromPem(String pem) {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM public key");
        }
        if (!(parsed instanceof SubjectPublicKeyInfo info)) {
            throw new IllegalArgumentException("not a public key (BEGIN PUBLIC KEY)");
        }
        return of(info);
    }

    /** A certificate's key, read as a key-based one is. @throws IllegalArgumentException as {@link #fromPem} */
    public static PublicKey of(java.security.cert.X509Certificate cert) {
        return of(SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded()));
    }

    private static PublicKey of(SubjectPublicKeyInfo info) {
        try {
            PublicKey key = new JcaPEMKeyConverter().setProvider(SigningKey.BC).getPublicKey(info);
            KeyAlgorithm.of(key);
            return key;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(e instanceof IllegalArgumentException ? e.getMessage()
                    : "not a usable public key");
        }
    }
}
