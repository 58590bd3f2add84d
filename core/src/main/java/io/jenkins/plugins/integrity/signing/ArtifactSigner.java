package io.jenkins.plugins.integrity.signing;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;

/**
 * Key-based signing of files: a Sigstore bundle whose message signature is over the file's bytes (ECDSA P-256
 * over their SHA-256, or Ed25519), read once as a stream, whatever the file's size.
 */
public final class ArtifactSigner {
    private final SigningKey key;

    public ArtifactSigner(SigningKey key) {
        this.key = key;
    }

    /** @throws InvalidInputException naming the file when it cannot be read */
    public SigstoreBundle signFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Signature s = Signature.getInstance(key.algorithm().jcaName(), SigningKey.BC);
            key.initSign(s);
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                s.update(buf, 0, n);
            }
            return SigstoreBundle.keyBased(key.hint(), new SigstoreBundle.MessageSignature(sha.digest(), s.sign()), null);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), Files.exists(file) ? "cannot be read" : "no such file");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
