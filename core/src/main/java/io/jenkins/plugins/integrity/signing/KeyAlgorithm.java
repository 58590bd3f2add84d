package io.jenkins.plugins.integrity.signing;

import java.security.Key;
import java.security.interfaces.ECKey;

/** The signature algorithms of key-based signing, with the names the Sigstore specifications give them. */
public enum KeyAlgorithm {
    ECDSA_P256("SHA256withECDSA", "PKIX_ECDSA_P256_SHA_256"),
    ED25519("Ed25519", "PKIX_ED25519");

    private final String jcaName;
    private final String sigstoreName;

    KeyAlgorithm(String jcaName, String sigstoreName) {
        this.jcaName = jcaName;
        this.sigstoreName = sigstoreName;
    }

    String jcaName() {
        return jcaName;
    }

    /** The key details name in a Sigstore trusted root ({@code PKIX_ECDSA_P256_SHA_256}, {@code PKIX_ED25519}). */
    public String sigstoreName() {
        return sigstoreName;
    }

    /** @throws IllegalArgumentException for any other algorithm or curve */
    static KeyAlgorithm of(Key key) {
        String alg = key.getAlgorithm();
        if (alg.equals("Ed25519") || alg.equals("EdDSA")) {
            return ED25519;
        }
        if (key instanceof org.bouncycastle.jce.interfaces.ECKey bc) {
            var p256 = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("P-256");
            if (bc.getParameters().getCurve().equals(p256.getCurve()) && bc.getParameters().getG().equals(p256.getG())) {
                return ECDSA_P256;
            }
            throw new IllegalArgumentException("only the P-256 curve is supported for ECDSA keys");
        }
        if (key instanceof ECKey) {
            throw new IllegalArgumentException("an EC key not read through BouncyCastle");
        }
        throw new IllegalArgumentException("only ECDSA P-256 and Ed25519 keys are supported, not " + alg);
    }
}
