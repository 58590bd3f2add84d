package io.jenkins.plugins.integrity.commits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Verifies OpenPGP commit signatures (RSA, EdDSA, ECDSA) with BouncyCastle against trusted keyrings. Only
 * what the key's owner certified counts: a subkey needs a valid binding signature by its primary key and
 * the signing flag, a user ID a valid self-certification, a revocation a valid signature; so a keyring
 * poisoned on a keyserver (an attached subkey or user ID) does not widen the trust.
 */
final class OpenPgpVerifier {
    private static final Pattern EMAIL = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>|^([^<>\\s]+@[^<>\\s]+)$");

    private final OpenPgpKeys keys;
    private final Instant now;
    private final boolean acceptMadeBeforeExpiry;

    /**
     * @param acceptMadeBeforeExpiry when false (strict, the default), a key expired now fails every signature;
     *     when true, a signature made while the key was valid passes
     */
    OpenPgpVerifier(OpenPgpKeys keys, Instant now, boolean acceptMadeBeforeExpiry) {
        this.keys = keys;
        this.now = now;
        this.acceptMadeBeforeExpiry = acceptMadeBeforeExpiry;
    }

    Checked verify(GitCommit commit) {
        PGPSignature sig;
        try {
            sig = parse(commit.signature());
        } catch (IOException | PGPException | RuntimeException e) {
            return bad(commit, "the OpenPGP signature cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (sig == null) {
            return bad(commit, "the OpenPGP armor holds no signature");
        }
        if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT
                && sig.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return bad(commit, "not a document signature (type " + sig.getSignatureType() + ")");
        }
        byte[] issuerFingerprint = issuerFingerprint(sig);
        PGPPublicKeyRing ring = issuerFingerprint != null ? keys.ringOf(issuerFingerprint) : keys.ringOf(sig.getKeyID());
        String issuer = issuerFingerprint != null ? hex(issuerFingerprint) : String.format("%016X", sig.getKeyID());
        if (ring == null) {
            return checked(commit, CommitStatus.UNTRUSTED_KEY, issuer, "signed by OpenPGP key " + issuer
                    + ", which the trust policy does not hold", List.of());
        }
        PGPPublicKey primary = ring.getPublicKey();
        PGPPublicKey key = issuerFingerprint != null ? find(ring, issuerFingerprint) : ring.getPublicKey(sig.getKeyID());
        String signer = hex(primary.getFingerprint()) + (key == primary ? "" : " (subkey " + hex(key.getFingerprint()) + ")");
        List<String> emails = certifiedEmails(primary);
        Instant made = sig.getCreationTime().toInstant();

        boolean valid;
        try {
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
            sig.update(sig.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT
                    ? canonicalText(commit.payload()) : commit.payload());
            valid = sig.verify();
        } catch (PGPException | RuntimeException e) {
            return checked(commit, CommitStatus.UNSUPPORTED, signer, "the signature cannot be checked with this key ("
                    + e.getClass().getSimpleName() + ")", emails);
        }
        if (!valid) {
            return checked(commit, CommitStatus.BAD_SIGNATURE, signer,
                    "the signature does not match the commit (the commit was changed after signing, or the "
                            + "signature was made for another commit)", emails);
        }
        if (key != primary && !validBinding(primary, key)) {
            return checked(commit, CommitStatus.UNTRUSTED_KEY, signer,
                    "the signing subkey has no valid binding signature by its primary key", emails);
        }
        if (!maySign(primary, key)) {
            return checked(commit, CommitStatus.UNTRUSTED_KEY, signer, "the key is not certified for signing", emails);
        }
        if (made.isBefore(key.getCreationTime().toInstant())) {
            return checked(commit, CommitStatus.BAD_SIGNATURE, signer, "the signature claims to predate its key", emails);
        }
        if (revoked(primary, primary) || (key != primary && revoked(primary, key))) {
            return checked(commit, CommitStatus.REVOKED_KEY, signer, "the key was revoked by its owner", emails);
        }
        Instant expiry = earliest(expiry(primary), expiry(key));
        if (expiry != null && (acceptMadeBeforeExpiry ? !made.isBefore(expiry) : !now.isBefore(expiry))) {
            return checked(commit, CommitStatus.EXPIRED_KEY, signer, "the key expired on " + expiry
                    + (acceptMadeBeforeExpiry ? ", before the signature was made" : ""), emails);
        }
        return checked(commit, CommitStatus.VERIFIED, signer, "good OpenPGP signature by " + signer, emails);
    }

    private static Checked bad(GitCommit commit, String detail) {
        return checked(commit, CommitStatus.BAD_SIGNATURE, null, detail, List.of());
    }

    private static Checked checked(GitCommit commit, CommitStatus status, String signer, String detail,
            List<String> emails) {
        return new Checked(Verdict.of(commit, status, SignatureKind.OPENPGP, signer, detail),
                email -> emails.contains(email.toLowerCase(Locale.ROOT)));
    }

    private static PGPSignature parse(String armored) throws IOException, PGPException {
        try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(
                armored.getBytes(StandardCharsets.ISO_8859_1)))) {
            PGPObjectFactory factory = new PGPObjectFactory(in, new BcKeyFingerprintCalculator());
            Object o = factory.nextObject();
            if (o instanceof PGPSignatureList list && !list.isEmpty()) {
                if (factory.nextObject() != null || list.size() != 1) {
                    throw new PGPException("more than one signature");
                }
                return list.get(0);
            }
            return null;
        }
    }

    private static byte[] issuerFingerprint(PGPSignature sig) {
        PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
        IssuerFingerprint fp = hashed == null ? null : hashed.getIssuerFingerprint();
        if (fp == null && sig.getUnhashedSubPackets() != null) {
            fp = sig.getUnhashedSubPackets().getIssuerFingerprint();
        }
        return fp == null ? null : fp.getFingerprint();
    }

    private static PGPPublicKey find(PGPPublicKeyRing ring, byte[] fingerprint) {
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext();) {
            PGPPublicKey k = it.next();
            if (java.util.Arrays.equals(k.getFingerprint(), fingerprint)) {
                return k;
            }
        }
        throw new IllegalStateException("the ring was found by this fingerprint");
    }

    /** A subkey counts only with a binding signature by its primary key that verifies. */
    private static boolean validBinding(PGPPublicKey primary, PGPPublicKey subkey) {
        for (Iterator<PGPSignature> it = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); it.hasNext();) {
            PGPSignature binding = it.next();
            try {
                binding.init(new BcPGPContentVerifierBuilderProvider(), primary);
                if (binding.verifyCertification(primary, subkey)) {
                    return true;
                }
            } catch (PGPException | RuntimeException e) {
                // an unverifiable binding does not bind
            }
        }
        return false;
    }

    /** The key flags the owner gave the key: a subkey's on its binding, the primary's on its self-signatures. */
    private static boolean maySign(PGPPublicKey primary, PGPPublicKey key) {
        int type = key == primary ? -1 : PGPSignature.SUBKEY_BINDING;
        Iterator<PGPSignature> sigs = type < 0 ? key.getSignatures() : key.getSignaturesOfType(type);
        boolean anyFlags = false;
        while (sigs.hasNext()) {
            PGPSignature s = sigs.next();
            if (s.getKeyID() != primary.getKeyID() || s.getHashedSubPackets() == null
                    || s.getHashedSubPackets().getKeyFlags() == 0) {
                continue;
            }
            anyFlags = true;
            if ((s.getHashedSubPackets().getKeyFlags() & KeyFlags.SIGN_DATA) != 0) {
                return true;
            }
        }
        return !anyFlags && key == primary; // an old primary key without flags may sign
    }

    private static boolean revoked(PGPPublicKey primary, PGPPublicKey key) {
        int type = key == primary ? PGPSignature.KEY_REVOCATION : PGPSignature.SUBKEY_REVOCATION;
        for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext();) {
            PGPSignature rev = it.next();
            try {
                rev.init(new BcPGPContentVerifierBuilderProvider(), primary);
                boolean ok = key == primary ? rev.verifyCertification(key) : rev.verifyCertification(primary, key);
                if (ok) {
                    return true;
                }
            } catch (PGPException | RuntimeException e) {
                // a revocation that does not verify revokes nothing
            }
        }
        return false;
    }

    private static Instant expiry(PGPPublicKey key) {
        long seconds = key.getValidSeconds();
        return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** The e-mail addresses of the user IDs the primary key certified itself. */
    private static List<String> certifiedEmails(PGPPublicKey primary) {
        List<String> emails = new ArrayList<>();
        for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext();) {
            String uid = ids.next();
            if (!selfCertified(primary, uid)) {
                continue;
            }
            Matcher m = EMAIL.matcher(uid.trim());
            if (m.find()) {
                emails.add((m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT));
            }
        }
        return emails;
    }

    private static boolean selfCertified(PGPPublicKey primary, String uid) {
        for (Iterator<PGPSignature> it = primary.getSignaturesForID(uid); it != null && it.hasNext();) {
            PGPSignature cert = it.next();
            if (cert.getKeyID() != primary.getKeyID()) {
                continue;
            }
            try {
                cert.init(new BcPGPContentVerifierBuilderProvider(), primary);
                if (cert.verifyCertification(uid, primary)) {
                    return true;
                }
            } catch (PGPException | RuntimeException e) {
                // not a certification that verifies
            }
        }
        return false;
    }

    /** Text signatures cover the text with CRLF line ends. */
    private static byte[] canonicalText(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 64);
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\n' && (i == 0 || payload[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(payload[i]);
        }
        return out.toByteArray();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
