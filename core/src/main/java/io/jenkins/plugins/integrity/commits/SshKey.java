package io.jenkins.plugins.integrity.commits;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.RSADigestSigner;

/**
 * An SSH public key (Ed25519, ECDSA on NIST P-256/384/521, RSA) or an OpenSSH certificate of one, from its
 * wire blob, able to verify SSH signatures ({@code ssh-ed25519}, {@code ecdsa-sha2-*}, {@code rsa-sha2-256/512};
 * SHA-1 {@code ssh-rsa} signatures are refused, as OpenSSH refuses them for SSHSIG).
 */
final class SshKey {
    private final String type;
    private final byte[] blob;
    private final byte[] keyBlob; // for a certificate, the blob of the certified key
    private final Certificate certificate;

    /** What an OpenSSH certificate says: principals, validity (seconds since 1970) and the signing CA key. */
    record Certificate(List<String> principals, long validAfter, long validBefore, int certType, SshKey ca,
            boolean caSignatureValid) {}

    private SshKey(String type, byte[] blob, byte[] keyBlob, Certificate certificate) {
        this.type = type;
        this.blob = blob;
        this.keyBlob = keyBlob;
        this.certificate = certificate;
    }

    static SshKey fromBlob(byte[] blob) {
        SshWire w = new SshWire(blob);
        String type = w.text();
        if (!type.endsWith("-cert-v01@openssh.com")) {
            checkKey(type, w);
            if (!w.done()) {
                throw new IllegalArgumentException("trailing data after the " + type + " key");
            }
            return new SshKey(type, blob, blob, null);
        }
        String keyType = type.substring(0, type.length() - "-cert-v01@openssh.com".length());
        w.string(); // nonce
        int keyStart = w.position();
        checkKey(keyType, w);
        byte[] keyFields = Arrays.copyOfRange(blob, keyStart, w.position());
        w.uint64(); // serial
        int certType = w.uint32();
        w.text(); // key id
        List<String> principals = new java.util.ArrayList<>();
        SshWire p = new SshWire(w.string());
        while (!p.done()) {
            principals.add(p.text());
        }
        long after = w.uint64();
        long before = w.uint64();
        w.string(); // critical options
        w.string(); // extensions
        w.string(); // reserved
        SshKey ca = fromBlob(w.string());
        byte[] signed = w.readSince(0);
        byte[] caSignature = w.string();
        if (!w.done()) {
            throw new IllegalArgumentException("trailing data after the certificate");
        }
        byte[] plain = concat(SshWire.encode(keyType.getBytes(StandardCharsets.UTF_8)), keyFields);
        boolean valid = ca.certificate == null && ca.verify(signed, caSignature);
        return new SshKey(type, blob, plain, new Certificate(List.copyOf(principals), after, before, certType, ca,
                valid));
    }

    /** Reads (and so checks) the fields of a plain key of this type. */
    private static void checkKey(String type, SshWire w) {
        switch (type) {
            case "ssh-ed25519" -> {
                if (w.string().length != 32) {
                    throw new IllegalArgumentException("an Ed25519 key is 32 bytes");
                }
            }
            case "ssh-rsa" -> {
                w.mpint();
                w.mpint();
            }
            case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
                w.text();
                w.string();
            }
            default -> throw new UnsupportedOperationException("SSH key type " + type);
        }
    }

    String type() {
        return type;
    }

    Certificate certificate() {
        return certificate;
    }

    /** The key itself: for a certificate, the certified key's blob. */
    byte[] keyBlob() {
        return keyBlob.clone();
    }

    boolean sameKey(SshKey other) {
        return Arrays.equals(keyBlob, other.keyBlob);
    }

    /** {@code SHA256:} + unpadded base64 of the key blob's SHA-256, as ssh-keygen -l prints it. */
    String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies an SSH signature ({@code string alg, string blob}) over {@code data} with this key. */
    boolean verify(byte[] data, byte[] signature) {
        SshWire s = new SshWire(signature);
        String alg = s.text();
        byte[] sig = s.string();
        SshWire k = new SshWire(keyBlob);
        String kt = k.text();
        switch (kt) {
            case "ssh-ed25519" -> {
                if (!alg.equals("ssh-ed25519")) {
                    return false;
                }
                Ed25519Signer v = new Ed25519Signer();
                v.init(false, new Ed25519PublicKeyParameters(k.string(), 0));
                v.update(data, 0, data.length);
                return v.verifySignature(sig);
            }
            case "ssh-rsa" -> {
                Digest digest = switch (alg) {
                    case "rsa-sha2-256" -> new SHA256Digest();
                    case "rsa-sha2-512" -> new SHA512Digest();
                    default -> throw new UnsupportedOperationException("RSA signature algorithm " + alg);
                };
                BigInteger e = k.mpint();
                BigInteger n = k.mpint();
                RSADigestSigner v = new RSADigestSigner(digest);
                v.init(false, new RSAKeyParameters(false, n, e));
                v.update(data, 0, data.length);
                return v.verifySignature(sig);
            }
            default -> {
                if (!alg.equals(kt)) {
                    return false;
                }
                String curve = k.text();
                byte[] q = k.string();
                String name = switch (curve) {
                    case "nistp256" -> "secp256r1";
                    case "nistp384" -> "secp384r1";
                    case "nistp521" -> "secp521r1";
                    default -> throw new UnsupportedOperationException("ECDSA curve " + curve);
                };
                Digest digest = switch (curve) {
                    case "nistp256" -> new SHA256Digest();
                    case "nistp384" -> new SHA384Digest();
                    default -> new SHA512Digest();
                };
                X9ECParameters x9 = CustomNamedCurves.getByName(name);
                ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
                ECDSASigner v = new ECDSASigner();
                v.init(false, new ECPublicKeyParameters(x9.getCurve().decodePoint(q), domain));
                byte[] hash = new byte[digest.getDigestSize()];
                digest.update(data, 0, data.length);
                digest.doFinal(hash, 0);
                SshWire rs = new SshWire(sig);
                return v.verifySignature(hash, rs.mpint(), rs.mpint());
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
