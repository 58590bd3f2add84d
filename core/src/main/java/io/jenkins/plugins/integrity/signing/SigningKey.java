package io.jenkins.plugins.integrity.signing;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A private key that signs: ECDSA P-256 (signing SHA-256 digests) or Ed25519, read from PEM PKCS#8, plain
 * ({@code PRIVATE KEY}) or encrypted with a passphrase ({@code ENCRYPTED PRIVATE KEY}). Its public key is
 * derived from it; {@link #toString()} names the algorithm and the key's hint only.
 */
public final class SigningKey {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private final PrivateKey key;
    private final PublicKey publicKey;
    private final KeyAlgorithm algorithm;

    private SigningKey(PrivateKey key, PublicKey publicKey, KeyAlgorithm algorithm) {
        this.key = key;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
    }

    /**
     * @param passphrase for an encrypted key, else null
     * @throws IllegalArgumentException saying what is wrong with the PEM (never quoting it)
     */
    public static SigningKey fromPem(String pem, char[] passphrase) {
        if (pem.contains("SIGSTORE PRIVATE KEY")) {
            throw new IllegalArgumentException("a cosign-encrypted key (ENCRYPTED SIGSTORE PRIVATE KEY) is not read;"
                    + " export it as PKCS#8 first (cosign import-key-pair / openssl pkcs8)");
        }
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM private key");
        }
        PrivateKeyInfo info;
        if (parsed instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            if (passphrase == null || passphrase.length == 0) {
                throw new IllegalArgumentException("the key is encrypted and no passphrase was given");
            }
            try {
                info = encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC)
                        .build(passphrase));
            } catch (PKCSException | OperatorCreationException e) {
                throw new IllegalArgumentException("the passphrase does not decrypt the key");
            }
        } else if (parsed instanceof PrivateKeyInfo plain) {
            info = plain;
        } else if (parsed instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else {
            throw new IllegalArgumentException("not a PKCS#8 private key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)");
        }
        try {
            PrivateKey key = new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info);
            KeyAlgorithm alg = KeyAlgorithm.of(key);
            return new SigningKey(key, publicOf(key), alg);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable private key");
        }
    }

    private static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof ECPrivateKey ec) {
            var params = ec.getParameters();
            return KeyFactory.getInstance("EC", BC).generatePublic(new ECPublicKeySpec(params.getG().multiply(ec.getD())
                    .normalize(), params));
        }
        if (key instanceof EdDSAPrivateKey ed) {
            return ed.getPublicKey();
        }
        throw new IllegalArgumentException("only ECDSA P-256 and Ed25519 keys sign");
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The hex SHA-256 of the public key's SubjectPublicKeyInfo: what a bundle names the key by. */
    public String hint() {
        return hint(publicKey);
    }

    static String hint(PublicKey publicKey) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Readies a signature engine of this key's algorithm for signing with it. */
    void initSign(Signature s) throws GeneralSecurityException {
        s.initSign(key);
    }

    /** Signs the message (ECDSA over its SHA-256, Ed25519 over the message itself), DER-encoded for ECDSA. */
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(algorithm.jcaName(), BC);
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ", " + hint().substring(0, 12) + "]";
    }
}
