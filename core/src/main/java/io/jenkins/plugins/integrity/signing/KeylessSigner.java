package io.jenkins.plugins.integrity.signing;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyless signing of files: an ephemeral ECDSA P-256 key, certified by Fulcio for the identity of an OIDC token,
 * signs each file; each signature is recorded in Rekor, and the bundle carries the certificate and the log
 * entry. The ephemeral key lives in memory for one call only and is never written.
 */
public final class KeylessSigner {
    private final FulcioClient fulcio;
    private final RekorClient rekor;

    public KeylessSigner(FulcioClient fulcio, RekorClient rekor) {
        this.fulcio = fulcio;
        this.rekor = rekor;
    }

    /** What was signed: the bundles, in the order of the files, and the identity the certificate names. */
    public record Signed(List<SigstoreBundle> bundles, X509Certificate certificate) {
        public Signed {
            bundles = List.copyOf(bundles);
        }

        public String identity() {
            List<String> ids = FulcioCertificate.identities(certificate);
            return ids.isEmpty() ? "(no identity)" : ids.get(0);
        }
    }

    /**
     * An ephemeral key and the Fulcio certificate chain for it: signs, and logs what it signed, for one call's
     * lifetime. The private key never leaves this object.
     */
    public final class Certified {
        private final KeyPair key;
        private final List<X509Certificate> chain;
        private final byte[] certificateDer;

        private Certified(KeyPair key, List<X509Certificate> chain) throws IOException {
            this.key = key;
            this.chain = List.copyOf(chain);
            try {
                this.certificateDer = chain.get(0).getEncoded();
            } catch (CertificateEncodingException e) {
                throw new IOException("Fulcio's certificate cannot be encoded");
            }
        }

        public List<X509Certificate> chain() {
            return chain;
        }

        byte[] certificateDer() {
            return certificateDer.clone();
        }

        /** Signs bytes (ECDSA P-256 over their SHA-256) and records the signature in Rekor. */
        public Logged sign(byte[] data) throws IOException {
            byte[] sha;
            try {
                sha = java.security.MessageDigest.getInstance("SHA-256").digest(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            byte[] sig = KeylessSigner.sign(key, data);
            return new Logged(new SigstoreBundle.MessageSignature(sha, sig), rekor.logSignature(sha, sig, certificateDer));
        }

        SigstoreBundle signFile(Path file) throws IOException {
            SigstoreBundle.MessageSignature ms = KeylessSigner.signFile(file, key);
            TlogEntry entry = rekor.logSignature(ms.sha256(), ms.signature(), certificateDer);
            return new SigstoreBundle(SigstoreBundle.MEDIA_TYPE, null, certificateDer, List.of(entry), ms, null);
        }
    }

    /** A signature and the log entry that records it. */
    public record Logged(SigstoreBundle.MessageSignature signature, TlogEntry entry) {}

    /** Asks Fulcio for a certificate for a new ephemeral key. @throws IOException when Fulcio refuses */
    public Certified certify(OidcToken token) throws IOException {
        KeyPair ephemeral = ephemeralKey();
        return new Certified(ephemeral, fulcio.signingCertificate(token, ephemeral));
    }

    /**
     * @throws InvalidInputException naming a file that cannot be read
     * @throws IOException when Fulcio or Rekor cannot be reached or refuse
     */
    public Signed signFiles(List<Path> files, OidcToken token) throws IOException {
        Certified certified = certify(token);
        List<SigstoreBundle> bundles = new ArrayList<>();
        for (Path f : files) {
            bundles.add(certified.signFile(f));
        }
        return new Signed(bundles, certified.chain().get(0));
    }

    private static SigstoreBundle.MessageSignature signFile(Path file, KeyPair key) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Signature s = Signature.getInstance("SHA256withECDSA", SigningKey.BC);
            s.initSign(key.getPrivate());
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                s.update(buf, 0, n);
            }
            return new SigstoreBundle.MessageSignature(sha.digest(), s.sign());
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), Files.exists(file) ? "cannot be read" : "no such file");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    static KeyPair ephemeralKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", SigningKey.BC);
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key generator", e);
        }
    }

    static byte[] sign(KeyPair key, byte[] message) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA", SigningKey.BC);
            s.initSign(key.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
