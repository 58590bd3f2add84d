package io.jenkins.plugins.integrity.signing;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Verifies Sigstore bundles of files. Key-based: the file must have the digest the bundle signed, and a trusted
 * key must verify the signature over the file. Keyless: the certificate's key must verify it, the transparency
 * log entries must verify and record this signature, and the certificate must chain to a trusted Fulcio CA, be
 * valid when the log integrated the entry (or now, when there is no entry) and name the identity and issuer the
 * policy requires. A file is never VERIFIED by default: no bundle, an unreadable or unknown bundle, no trusted
 * key or no keyless policy are each a failure with its reason.
 */
public final class SignatureVerifier {
    public static final String CHECK = "signatures";
    private final List<PublicKey> trusted;
    private final KeylessPolicy keyless;

    /** Why a file verified or did not. */
    public enum Verdict {
        VERIFIED, DIGEST_MISMATCH, BAD_SIGNATURE, INVALID_BUNDLE, MISSING_BUNDLE, UNSUPPORTED_BUNDLE,
        /** The transparency log entry does not verify, or records another signature. */
        INVALID_TLOG_ENTRY,
        /** The certificate was not valid when the signature was made (or now, without a log entry). */
        CERTIFICATE_EXPIRED,
        /** The certificate does not chain to a trusted CA, may not sign, or no keyless policy was given. */
        UNTRUSTED_CERTIFICATE,
        /** A trusted certificate, but not of the identity or issuer the policy requires. */
        IDENTITY_MISMATCH;

        /** The rule id of a finding with this verdict: {@code signature-digest-mismatch}. */
        public String rule() {
            return "signature-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** A file's verdict, the reason in words, and the hint of the key that verified it (or null). */
    public record Result(Verdict verdict, String reason, String keyHint) {}

    public SignatureVerifier(List<PublicKey> trusted) {
        this(trusted, null);
    }

    /** @param keyless how keyless bundles are trusted, or null to refuse them */
    public SignatureVerifier(List<PublicKey> trusted, KeylessPolicy keyless) {
        this.trusted = List.copyOf(trusted);
        this.keyless = keyless;
    }

    /** Verifies one file against its bundle (the bundle's raw bytes, or null when there is none). */
    public Result verifyFile(Path file, byte[] bundleJson) {
        if (bundleJson == null) {
            return new Result(Verdict.MISSING_BUNDLE, "no bundle was found for the file", null);
        }
        SigstoreBundle bundle;
        try {
            bundle = SigstoreBundle.parse(bundleJson);
        } catch (IllegalArgumentException e) {
            return new Result(Verdict.INVALID_BUNDLE, "the bundle cannot be used: " + e.getMessage(), null);
        }
        if (bundle.messageSignature() == null) {
            return new Result(Verdict.UNSUPPORTED_BUNDLE, "the bundle holds a DSSE envelope, not a signature of a file",
                    null);
        }
        X509Certificate cert = null;
        List<PublicKey> keys = trusted;
        if (bundle.certificate() != null) {
            if (keyless == null) {
                return new Result(Verdict.UNTRUSTED_CERTIFICATE, "the bundle is keyless (signed with a certificate) and"
                        + " no certificate identity and OIDC issuer were given to trust", null);
            }
            try {
                cert = FulcioCertificate.parse(bundle.certificate());
                keys = List.of(PublicKeys.of(cert));
            } catch (IllegalArgumentException e) {
                return new Result(Verdict.INVALID_BUNDLE, "the bundle's certificate cannot be used: " + e.getMessage(),
                        null);
            }
        } else if (trusted.isEmpty()) {
            return new Result(Verdict.BAD_SIGNATURE, "no trusted key was given", null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Signature> engines = new ArrayList<>();
            for (PublicKey k : keys) {
                Signature s = Signature.getInstance(KeyAlgorithm.of(k).jcaName(), SigningKey.BC);
                s.initVerify(k);
                engines.add(s);
            }
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                for (Signature s : engines) {
                    s.update(buf, 0, n);
                }
            }
            byte[] actual = sha.digest();
            if (!MessageDigest.isEqual(actual, bundle.messageSignature().sha256())) {
                return new Result(Verdict.DIGEST_MISMATCH, "the file's SHA-256 is " + HexFormat.of().formatHex(actual)
                        + ", the bundle signed " + HexFormat.of().formatHex(bundle.messageSignature().sha256()), null);
            }
            for (int i = 0; i < engines.size(); i++) {
                if (verifies(engines.get(i), bundle.messageSignature().signature())) {
                    if (cert != null) {
                        return new KeylessCheck(keyless).judge(bundle, cert, actual);
                    }
                    String hint = SigningKey.hint(trusted.get(i));
                    return new Result(Verdict.VERIFIED, "signed by the trusted key " + hint.substring(0, 12), hint);
                }
            }
            if (cert != null) {
                return new Result(Verdict.BAD_SIGNATURE, "the certificate's key does not verify the signature", null);
            }
            return new Result(Verdict.BAD_SIGNATURE, "no trusted key verifies the signature"
                    + (bundle.keyHint() == null ? "" : " (the bundle names the key "
                    + bundle.keyHint().substring(0, Math.min(12, bundle.keyHint().length())) + ")"), null);
        } catch (IOException e) {
            return new Result(Verdict.INVALID_BUNDLE, "the file cannot be read", null);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new Result(Verdict.BAD_SIGNATURE, "the signature cannot be checked (" + e.getClass().getSimpleName()
                    + ")", null);
        }
    }

    private static boolean verifies(Signature s, byte[] signature) {
        try {
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature verifies nothing
        }
    }

    /**
     * Verifies files, each against the bundle {@code bundleOf} finds for it (null when there is none).
     * @param base files are named relative to it in the findings
     */
    public CheckResult verifyFiles(List<Path> files, Function<Path, byte[]> bundleOf, Path base, Gate gate) {
        List<Finding> findings = new ArrayList<>();
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        List<Subject> subjects = new ArrayList<>();
        for (Path f : files) {
            Result r = verifyFile(f, bundleOf.apply(f));
            counts.merge(r.verdict(), 1, Integer::sum);
            String name = base == null ? f.toString() : base.relativize(f.toAbsolutePath().normalize()).toString()
                    .replace('\\', '/');
            findings.add(new Finding(r.verdict().rule(), r.verdict() == Verdict.VERIFIED ? Severity.INFO : Severity.HIGH,
                    r.verdict() + ": " + r.reason(), Location.ofFile(name), Digests.sha256Hex(CHECK, name,
                            r.verdict().name())));
            subjects.add(Subject.named(name));
        }
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("files", files.size());
        counts.forEach((v, c) -> metrics.put(v.name().toLowerCase(java.util.Locale.ROOT), c));
        List<Finding> failing = findings.stream().filter(x -> x.severity() != Severity.INFO).toList();
        var status = files.isEmpty() ? io.jenkins.plugins.integrity.check.Status.ERROR : gate.judge(failing);
        StringBuilder summary = new StringBuilder(files.size() + " file" + (files.size() == 1 ? "" : "s") + ":");
        counts.forEach((v, c) -> summary.append(' ').append(c).append(' ').append(v).append(','));
        summary.setLength(summary.length() - (counts.isEmpty() ? 0 : 1));
        return new CheckResult(CHECK, status, files.isEmpty() ? "no files to verify" : summary.toString(), findings,
                metrics, subjects);
    }
}
