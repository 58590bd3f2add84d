package io.jenkins.plugins.integrity.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.oci.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key-based signing of files, with keys made by openssl (ECDSA P-256 and Ed25519, plain and encrypted
 * PKCS#8), and bundles cross-verified with sigstore-js both ways (scripts beside this test, run by node
 * against the packages .ci/run installs).
 */
class FileSigningTest {
    @TempDir
    static Path dir;
    static Path artifact;

    @BeforeAll
    static void keys() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "ed.pem");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.pem");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-out", "k1.pem");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
        for (String k : List.of("ec", "ed", "other")) {
            Tools.run(dir, "openssl", "pkey", "-in", k + ".pem", "-pubout", "-out", k + ".pub");
        }
        Tools.run(dir, "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "ec.pem", "-passout", "pass:correct horse",
                "-out", "ec-encrypted.pem");
        artifact = dir.resolve("release.tar.gz");
        byte[] content = new byte[3 << 20];
        new java.util.Random(7).nextBytes(content);
        Files.write(artifact, content);
    }

    static SigningKey key(String name) throws IOException {
        return SigningKey.fromPem(Files.readString(dir.resolve(name)), null);
    }

    static PublicKey pub(String name) throws IOException {
        return PublicKeys.fromPem(Files.readString(dir.resolve(name)));
    }

    /** Runs a sigstore-js script with node; returns its exit code and output. */
    static String[] node(String script, String... args) throws Exception {
        return SigstoreMock.node(dir, script, args);
    }

    private static byte[] bundleOf(SigningKey k, Path file) {
        return new ArtifactSigner(k).signFile(file).toJson().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec", "ed"})
    void aSignedFileVerifiesWithItsKeyHereAndInSigstoreJs(String k) throws Exception {
        SigningKey signing = key(k + ".pem");
        byte[] bundle = bundleOf(signing, artifact);
        SignatureVerifier.Result r = new SignatureVerifier(List.of(pub(k + ".pub"))).verifyFile(artifact, bundle);
        assertThat(r.verdict()).isEqualTo(SignatureVerifier.Verdict.VERIFIED);
        assertThat(r.keyHint()).isEqualTo(signing.hint());
        Path b = dir.resolve(k + ".sigstore.json");
        Files.write(b, bundle);
        String[] js = node("sigstore-verify.cjs", b.toString(), artifact.toString(), dir.resolve(k + ".pub").toString(),
                signing.algorithm().sigstoreName());
        if (signing.algorithm() == KeyAlgorithm.ECDSA_P256) {
            assertThat(js[1]).contains("verified");
            assertThat(js[0]).isEqualTo("0");
        } else {
            // sigstore-js 4.1.3 checks every message signature with a SHA-256 pre-hash, which Node's crypto
            // refuses for Ed25519 keys: it verifies no Ed25519 message signature, its own included (see below)
            assertThat(js[1]).contains("signature verification failed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec", "ed"})
    void aBundleSigstoreJsMadeVerifiesHere(String k) throws Exception {
        Path b = dir.resolve(k + "-js.sigstore.json");
        String[] js = node("sigstore-sign.cjs", artifact.toString(), dir.resolve(k + ".pem").toString(), b.toString(),
                "js-key");
        assertThat(js[1]).contains("signed");
        SignatureVerifier.Result r = new SignatureVerifier(List.of(pub(k + ".pub"))).verifyFile(artifact,
                Files.readAllBytes(b));
        assertThat(r.verdict()).as(r.reason()).isEqualTo(SignatureVerifier.Verdict.VERIFIED);
    }

    @Test
    void sigstoreJsCannotVerifyItsOwnEd25519MessageSignaturesEither() throws Exception {
        Path b = dir.resolve("ed-own.sigstore.json");
        node("sigstore-sign.cjs", artifact.toString(), dir.resolve("ed.pem").toString(), b.toString(), "js-key");
        String[] js = node("sigstore-verify.cjs", b.toString(), artifact.toString(), dir.resolve("ed.pub").toString(),
                "PKIX_ED25519");
        assertThat(js[1]).contains("signature verification failed");
    }

    @Test
    void sigstoreJsRefusesOurBundleForAnotherFileToo() throws Exception {
        Path b = dir.resolve("tamper.sigstore.json");
        Files.write(b, bundleOf(key("ec.pem"), artifact));
        Path other = dir.resolve("other.bin");
        Files.writeString(other, "not the release");
        String[] js = node("sigstore-verify.cjs", b.toString(), other.toString(), dir.resolve("ec.pub").toString(),
                "PKIX_ECDSA_P256_SHA_256");
        assertThat(js[0]).isNotEqualTo("0");
    }

    @Test
    void anEncryptedKeyNeedsItsPassphrase() throws Exception {
        String pem = Files.readString(dir.resolve("ec-encrypted.pem"));
        assertThat(SigningKey.fromPem(pem, "correct horse".toCharArray()).hint()).isEqualTo(key("ec.pem").hint());
        assertThatThrownBy(() -> SigningKey.fromPem(pem, null)).hasMessageContaining("no passphrase was given");
        assertThatThrownBy(() -> SigningKey.fromPem(pem, "wrong".toCharArray()))
                .hasMessageContaining("passphrase does not decrypt");
    }

    @Test
    void keysOfOtherAlgorithmsAndFormatsAreRefused() throws Exception {
        assertThatThrownBy(() -> key("k1.pem")).hasMessageContaining("P-256");
        assertThatThrownBy(() -> key("rsa.pem")).hasMessageContaining("only ECDSA P-256 and Ed25519");
        assertThatThrownBy(() -> SigningKey.fromPem("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\neyJr\n"
                + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n", null)).hasMessageContaining("cosign");
        assertThatThrownBy(() -> SigningKey.fromPem("garbage", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicKeys.fromPem(Files.readString(dir.resolve("ec.pem"))))
                .hasMessageContaining("not a public key");
    }

    @Test
    void aChangedFileAnotherKeyAndForgedDigestsDoNotVerify() throws Exception {
        SignatureVerifier verifier = new SignatureVerifier(List.of(pub("ec.pub")));
        byte[] bundle = bundleOf(key("ec.pem"), artifact);
        Path changed = dir.resolve("changed.tar.gz");
        byte[] content = Files.readAllBytes(artifact);
        content[content.length / 2] ^= 1;
        Files.write(changed, content);
        assertThat(verifier.verifyFile(changed, bundle).verdict()).isEqualTo(SignatureVerifier.Verdict.DIGEST_MISMATCH);
        // a bundle whose digest was rewritten to the changed file's: the signature still covers the original
        String forged = new String(bundle, StandardCharsets.UTF_8).replace(
                java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(artifact))),
                java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(content)));
        assertThat(verifier.verifyFile(changed, forged.getBytes(StandardCharsets.UTF_8)).verdict())
                .isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(new SignatureVerifier(List.of(pub("other.pub"))).verifyFile(artifact, bundle).verdict())
                .isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(new SignatureVerifier(List.of()).verifyFile(artifact, bundle).verdict())
                .isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
    }

    @Test
    void missingTruncatedAndForeignBundlesAreNamedAsSuch() throws Exception {
        SignatureVerifier verifier = new SignatureVerifier(List.of(pub("ec.pub")));
        byte[] bundle = bundleOf(key("ec.pem"), artifact);
        assertThat(verifier.verifyFile(artifact, null).verdict()).isEqualTo(SignatureVerifier.Verdict.MISSING_BUNDLE);
        SignatureVerifier.Result truncated = verifier.verifyFile(artifact, Arrays.copyOf(bundle, bundle.length / 2));
        assertThat(truncated.verdict()).isEqualTo(SignatureVerifier.Verdict.INVALID_BUNDLE);
        assertThat(truncated.reason()).contains("truncated");
        String foreign = new String(bundle, StandardCharsets.UTF_8).replace(SigstoreBundle.MEDIA_TYPE,
                "application/vnd.example.bundle+json");
        assertThat(verifier.verifyFile(artifact, foreign.getBytes(StandardCharsets.UTF_8)).reason())
                .contains("not a Sigstore bundle");
        String noSignature = new String(bundle, StandardCharsets.UTF_8).replaceAll("\"signature\" : \"[^\"]*\"",
                "\"signature\" : \"\"");
        assertThat(verifier.verifyFile(artifact, noSignature.getBytes(StandardCharsets.UTF_8)).verdict())
                .isEqualTo(SignatureVerifier.Verdict.INVALID_BUNDLE);
        byte[] dsse = SigstoreBundle.keyBased("h", null,
                Dsse.sign(Dsse.IN_TOTO, "{}".getBytes(StandardCharsets.UTF_8), key("ec.pem"))).toJson()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verifyFile(artifact, dsse).verdict()).isEqualTo(SignatureVerifier.Verdict.UNSUPPORTED_BUNDLE);
    }

    @Test
    void theCheckFailsOnAnyFileThatDoesNotVerify() throws Exception {
        Path unsigned = dir.resolve("unsigned.txt");
        Files.writeString(unsigned, "x");
        byte[] bundle = bundleOf(key("ec.pem"), artifact);
        CheckResult r = new SignatureVerifier(List.of(pub("ec.pub"))).verifyFiles(List.of(artifact, unsigned),
                f -> f.equals(artifact) ? bundle : null, dir, Gate.failOn(Severity.HIGH));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.summary()).isEqualTo("2 files: 1 VERIFIED, 1 MISSING_BUNDLE");
        assertThat(r.findings()).extracting(f -> f.location().file()).containsExactly("release.tar.gz", "unsigned.txt");
        assertThat(new SignatureVerifier(List.of(pub("ec.pub"))).verifyFiles(List.of(artifact), f -> bundle, dir,
                Gate.failOn(Severity.HIGH)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void theDssePreAuthenticationEncodingIsTheSpecifications() {
        assertThat(new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }
}
