package io.jenkins.plugins.integrity.commits;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * Trusted OpenPGP public keys: keyrings as {@code gpg --export [--armor]} writes them, several keys and
 * several armored blocks to a file. A secret key, or a file with no public key, is refused.
 */
public final class OpenPgpKeys {
    private final List<PGPPublicKeyRing> rings;

    private OpenPgpKeys(List<PGPPublicKeyRing> rings) {
        this.rings = List.copyOf(rings);
    }

    public static OpenPgpKeys none() {
        return new OpenPgpKeys(List.of());
    }

    /** Reads one keyring file's content; {@code name} is how errors name it. */
    public static OpenPgpKeys read(byte[] content, String name) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (text.contains("PRIVATE KEY BLOCK-----")) {
            throw new InvalidInputException(name, "holds a secret key; give the public key (gpg --export --armor)");
        }
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try {
            if (text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
                int at = 0;
                while ((at = text.indexOf("-----BEGIN PGP PUBLIC KEY BLOCK-----", at)) >= 0) {
                    int end = text.indexOf("-----END PGP PUBLIC KEY BLOCK-----", at);
                    if (end < 0) {
                        throw new InvalidInputException(name, "an armored key block has no END line (truncated?)");
                    }
                    end += "-----END PGP PUBLIC KEY BLOCK-----".length();
                    try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(
                            text.substring(at, end).getBytes(StandardCharsets.ISO_8859_1)))) {
                        addAll(rings, in);
                    }
                    at = end;
                }
            } else {
                addAll(rings, new ByteArrayInputStream(content));
            }
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(name, "not an OpenPGP public keyring (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (rings.isEmpty()) {
            throw new InvalidInputException(name, "holds no OpenPGP public key");
        }
        return new OpenPgpKeys(rings);
    }

    private static void addAll(List<PGPPublicKeyRing> rings, InputStream in) throws IOException, PGPException {
        PGPPublicKeyRingCollection collection = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        for (Iterator<PGPPublicKeyRing> it = collection.getKeyRings(); it.hasNext();) {
            rings.add(it.next());
        }
    }

    public OpenPgpKeys and(OpenPgpKeys more) {
        List<PGPPublicKeyRing> all = new ArrayList<>(rings);
        all.addAll(more.rings);
        return new OpenPgpKeys(all);
    }

    public int size() {
        return rings.size();
    }

    /** The ring holding the key (primary or subkey) with this id, or null. */
    PGPPublicKeyRing ringOf(long keyId) {
        for (PGPPublicKeyRing ring : rings) {
            if (ring.getPublicKey(keyId) != null) {
                return ring;
            }
        }
        return null;
    }

    /** The ring holding the key with this fingerprint, or null. */
    PGPPublicKeyRing ringOf(byte[] fingerprint) {
        for (PGPPublicKeyRing ring : rings) {
            for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext();) {
                if (java.util.Arrays.equals(it.next().getFingerprint(), fingerprint)) {
                    return ring;
                }
            }
        }
        return null;
    }
}
