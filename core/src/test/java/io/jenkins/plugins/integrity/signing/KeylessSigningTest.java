package io.jenkins.plugins.integrity.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.signing.SignatureVerifier.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless signing and verification against a local Sigstore deployment (@sigstore/mock's Fulcio and Rekor on
 * 127.0.0.1), cross-checked with sigstore-js both ways. Most cases are the ways a keyless bundle must fail:
 * another identity or issuer, an untrusted CA, an expired certificate without a log entry, a tampered or
 * replayed log entry, a tampered file or signature.
 */
class KeylessSigningTest {
    static final String ISSUER = "https://jenkins.example.com/oidc";
    static final String SIGNER = "https://jenkins.example.com/job/release/";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static SigstoreMock sigstore;
    static SigstoreMock otherSigstore;
    static Path artifact;
    static Path other;
    static byte[] bundle;
    static byte[] otherBundle;
    static TrustedRoot root;

    @BeforeAll
    static void sign() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        sigstore = SigstoreMock.start(dir.resolve("a"));
        otherSigstore = SigstoreMock.start(dir.resolve("b"));
        root = TrustedRoot.parse(Files.readAllBytes(sigstore.trustedRoot()));
        artifact = dir.resolve("app.jar");
        other = dir.resolve("other.jar");
        Files.writeString(artifact, "the release");
        Files.writeString(other, "another file");
        KeylessSigner.Signed signed = signer(sigstore).signFiles(List.of(artifact, other),
                OidcToken.parse(SigstoreMock.token(SIGNER, ISSUER)));
        assertThat(signed.identity()).isEqualTo(SIGNER);
        bundle = signed.bundles().get(0).toJson().getBytes(StandardCharsets.UTF_8);
        otherBundle = signed.bundles().get(1).toJson().getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws IOException {
        sigstore.close();
        otherSigstore.close();
    }

    static KeylessSigner signer(SigstoreMock s) {
        return new KeylessSigner(new FulcioClient(s.url()), new RekorClient(s.url()));
    }

    static SignatureVerifier.Result verify(byte[] b, IdentityPolicy policy) {
        return verify(artifact, b, policy, Clock.systemUTC());
    }

    static SignatureVerifier.Result verify(Path file, byte[] b, IdentityPolicy policy, Clock clock) {
        return new SignatureVerifier(List.of(), new KeylessPolicy(root, policy, clock)).verifyFile(file, b);
    }

    static IdentityPolicy exact() {
        return new IdentityPolicy(SIGNER, false, ISSUER, false);
    }

    static byte[] edit(byte[] b, Consumer<ObjectNode> change) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(b);
        change.accept(n);
        return JSON.writeValueAsBytes(n);
    }

    static ObjectNode entry(ObjectNode bundle) {
        return (ObjectNode) bundle.path("verificationMaterial").path("tlogEntries").get(0);
    }

    @Test
    void aKeylessBundleVerifiesForItsIdentityAndIssuerHereAndInSigstoreJs() throws Exception {
        SignatureVerifier.Result r = verify(bundle, exact());
        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.VERIFIED);
        assertThat(r.reason()).contains(SIGNER, ISSUER, "logged at");
        Path b = dir.resolve("ours.sigstore.json");
        Files.write(b, bundle);
        String[] js = SigstoreMock.node(dir, "sigstore-keyless-verify.cjs", b.toString(), artifact.toString(),
                sigstore.trustedRoot().toString(), SIGNER, ISSUER);
        assertThat(js[1]).contains("verified");
        assertThat(js[0]).isEqualTo("0");
        String[] wrong = SigstoreMock.node(dir, "sigstore-keyless-verify.cjs", b.toString(), artifact.toString(),
                sigstore.trustedRoot().toString(), "https://jenkins.example.com/job/other/", ISSUER);
        assertThat(wrong[0]).isNotEqualTo("0");
    }

    @Test
    void aBundleSigstoreJsSignedKeylessVerifiesHere() throws Exception {
        Path b = dir.resolve("js.sigstore.json");
        String[] js = SigstoreMock.node(dir, "sigstore-keyless-sign.cjs", artifact.toString(), b.toString(), sigstore.url(),
                SigstoreMock.token("https://jenkins.example.com/job/js/", ISSUER));
        assertThat(js[1]).contains("signed");
        byte[] theirs = Files.readAllBytes(b);
        assertThat(new String(theirs, StandardCharsets.UTF_8)).contains("x509CertificateChain", "inclusionProof");
        SignatureVerifier.Result r = verify(theirs, new IdentityPolicy("https://jenkins.example.com/job/js/", false, ISSUER, false));
        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.VERIFIED);
        assertThat(verify(theirs, exact()).verdict()).isEqualTo(Verdict.IDENTITY_MISMATCH);
    }

    @Test
    void identitiesAndIssuersMatchExactlyOrByAWholeValuePattern() {
        assertThat(verify(bundle, new IdentityPolicy("https://jenkins\\.example\\.com/job/[^/]+/", true, "https://jenkins\\.example\\.com/.*", true))
                .verdict()).isEqualTo(Verdict.VERIFIED);
        SignatureVerifier.Result partial = verify(bundle, new IdentityPolicy("release/", true, ISSUER, false));
        assertThat(partial.verdict()).isEqualTo(Verdict.IDENTITY_MISMATCH);
        assertThat(partial.reason()).contains("[" + SIGNER + "]", "the pattern 'release/'");
        assertThat(verify(bundle, new IdentityPolicy("https://jenkins.example.com/job/RELEASE/", false, ISSUER, false)).verdict())
                .isEqualTo(Verdict.IDENTITY_MISMATCH);
    }

    @Test
    void anotherIssuerIsAnIdentityMismatch() {
        SignatureVerifier.Result r = verify(bundle, new IdentityPolicy(SIGNER, false, "https://token.actions.githubusercontent.com",
                false));
        assertThat(r.verdict()).isEqualTo(Verdict.IDENTITY_MISMATCH);
        assertThat(r.reason()).contains("OIDC issuer '" + ISSUER + "'");
    }

    @Test
    void aPolicyNeedsBothIdentityAndIssuerAndValidPatterns() {
        assertThatThrownBy(() -> new IdentityPolicy(SIGNER, false, "", false)).hasMessageContaining("both");
        assertThatThrownBy(() -> new IdentityPolicy("(", true, ISSUER, false)).hasMessageContaining("not a valid regular");
    }

    @Test
    void aKeylessBundleWithoutAPolicyIsNotTrusted() {
        SignatureVerifier.Result r = new SignatureVerifier(List.of()).verifyFile(artifact, bundle);
        assertThat(r.verdict()).isEqualTo(Verdict.UNTRUSTED_CERTIFICATE);
        assertThat(r.reason()).contains("no certificate identity");
    }

    @Test
    void aCertificateFromAnotherCaIsUntrusted() throws Exception {
        ObjectNode mixed = (ObjectNode) JSON.readTree(Files.readAllBytes(sigstore.trustedRoot()));
        mixed.set("certificateAuthorities", JSON.readTree(Files.readAllBytes(otherSigstore.trustedRoot()))
                .get("certificateAuthorities"));
        TrustedRoot otherCa = TrustedRoot.parse(JSON.writeValueAsBytes(mixed));
        SignatureVerifier.Result r = new SignatureVerifier(List.of(), new KeylessPolicy(otherCa, exact()))
                .verifyFile(artifact, bundle);
        assertThat(r.verdict()).isEqualTo(Verdict.UNTRUSTED_CERTIFICATE);
        assertThat(r.reason()).contains("does not chain");
    }

    @Test
    void anEntryOfALogTheRootDoesNotNameFails() throws Exception {
        TrustedRoot foreign = TrustedRoot.parse(Files.readAllBytes(otherSigstore.trustedRoot()));
        SignatureVerifier.Result r = new SignatureVerifier(List.of(), new KeylessPolicy(foreign, exact()))
                .verifyFile(artifact, bundle);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID_TLOG_ENTRY);
        assertThat(r.reason()).contains("does not name");
    }

    @Test
    void anExpiredCertificateWithoutALogEntryFailsAndWithOneVerifiesAtTheIntegratedTime() throws Exception {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        assertThat(verify(artifact, bundle, exact(), later).verdict()).isEqualTo(Verdict.VERIFIED);
        byte[] unlogged = edit(bundle, b -> ((ObjectNode) b.path("verificationMaterial")).putArray("tlogEntries"));
        SignatureVerifier.Result expired = verify(artifact, unlogged, exact(), later);
        assertThat(expired.verdict()).isEqualTo(Verdict.CERTIFICATE_EXPIRED);
        assertThat(expired.reason()).contains("no transparency log entry");
        assertThat(verify(artifact, unlogged, exact(), Clock.systemUTC()).verdict()).isEqualTo(Verdict.VERIFIED);
    }

    @Test
    void aTamperedSignedEntryTimestampFails() throws Exception {
        byte[] b = edit(bundle, n -> {
            ObjectNode e = entry(n);
            e.remove("inclusionProof");
            byte[] set = Base64.getDecoder().decode(e.path("inclusionPromise").path("signedEntryTimestamp").asText());
            set[set.length - 3] ^= 1;
            ((ObjectNode) e.path("inclusionPromise")).put("signedEntryTimestamp", Base64.getEncoder().encodeToString(set));
        });
        SignatureVerifier.Result r = verify(b, exact());
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID_TLOG_ENTRY);
        assertThat(r.reason()).contains("signed entry timestamp");
    }

    @Test
    void aBackdatedEntryFailsItsSignedEntryTimestamp() throws Exception {
        byte[] b = edit(bundle, n -> entry(n).put("integratedTime", Long.toString(Instant.now().getEpochSecond() - 60)));
        assertThat(verify(b, exact()).verdict()).isEqualTo(Verdict.INVALID_TLOG_ENTRY);
    }

    @Test
    void anInclusionProofToAnotherRootFails() throws Exception {
        byte[] b = edit(bundle, n -> {
            ObjectNode e = entry(n);
            e.remove("inclusionPromise");
            ((ObjectNode) e.path("inclusionProof")).put("rootHash", Base64.getEncoder().encodeToString(new byte[32]));
        });
        SignatureVerifier.Result r = verify(b, exact());
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID_TLOG_ENTRY);
        assertThat(r.reason()).contains("inclusion proof");
    }

    @Test
    void aCheckpointNotSignedByTheLogFails() throws Exception {
        byte[] b = edit(bundle, n -> {
            ObjectNode e = entry(n);
            e.remove("inclusionPromise");
            ObjectNode cp = (ObjectNode) e.path("inclusionProof").path("checkpoint");
            String env = cp.path("envelope").asText();
            int sig = env.lastIndexOf(' ') + 1;
            byte[] s = Base64.getDecoder().decode(env.substring(sig).strip());
            s[s.length - 2] ^= 1;
            cp.put("envelope", env.substring(0, sig) + Base64.getEncoder().encodeToString(s) + "\n");
        });
        SignatureVerifier.Result r = verify(b, exact());
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID_TLOG_ENTRY);
        assertThat(r.reason()).contains("checkpoint is not signed");
    }

    @Test
    void anEntryWithNeitherPromiseNorProofFails() throws Exception {
        byte[] b = edit(bundle, n -> {
            entry(n).remove("inclusionPromise");
            entry(n).remove("inclusionProof");
        });
        assertThat(verify(b, exact()).reason()).contains("neither a signed entry timestamp nor an inclusion proof");
    }

    @Test
    void anotherFilesLogEntryReplayedIntoTheBundleFails() throws Exception {
        ObjectNode theirs = (ObjectNode) JSON.readTree(otherBundle);
        byte[] b = edit(bundle, n -> ((ArrayNode) n.path("verificationMaterial").path("tlogEntries"))
                .set(0, theirs.path("verificationMaterial").path("tlogEntries").get(0)));
        SignatureVerifier.Result r = verify(b, exact());
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID_TLOG_ENTRY);
        assertThat(r.reason()).contains("another artifact digest");
    }

    @Test
    void anotherFilesSignatureAndCertificateDoNotVerifyThisFile() throws Exception {
        assertThat(verify(artifact, otherBundle, exact(), Clock.systemUTC()).verdict()).isEqualTo(Verdict.DIGEST_MISMATCH);
        String theirSignature = readTree(otherBundle).path("messageSignature").path("signature").asText();
        byte[] swapped = edit(bundle, n -> ((ObjectNode) n.path("messageSignature")).put("signature", theirSignature));
        assertThat(verify(swapped, exact()).verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aTamperedFileFails() throws Exception {
        Path tampered = dir.resolve("tampered.jar");
        Files.writeString(tampered, "the release!");
        assertThat(verify(tampered, bundle, exact(), Clock.systemUTC()).verdict()).isEqualTo(Verdict.DIGEST_MISMATCH);
    }

    @Test
    void malformedCertificatesAndEntriesAreInvalidBundles() throws Exception {
        byte[] notCert = edit(bundle, n -> ((ObjectNode) n.path("verificationMaterial").path("certificate"))
                .put("rawBytes", Base64.getEncoder().encodeToString("junk".getBytes(StandardCharsets.UTF_8))));
        assertThat(verify(notCert, exact()).verdict()).isEqualTo(Verdict.INVALID_BUNDLE);
        byte[] badIndex = edit(bundle, n -> entry(n).put("logIndex", "-4"));
        assertThat(verify(badIndex, exact()).verdict()).isEqualTo(Verdict.INVALID_BUNDLE);
        byte[] notArray = edit(bundle, n -> ((ObjectNode) n.path("verificationMaterial")).put("tlogEntries", "x"));
        assertThat(verify(notArray, exact()).reason()).contains("tlogEntries are not an array");
        byte[] truncated = java.util.Arrays.copyOf(bundle, bundle.length / 2);
        assertThat(verify(truncated, exact()).verdict()).isEqualTo(Verdict.INVALID_BUNDLE);
    }

    @Test
    void fulcioRefusingATokenIsAnErrorThatDoesNotQuoteIt() {
        String secretish = "not-a-jwt-" + "s3cr3t".repeat(3);
        assertThatThrownBy(() -> OidcToken.parse(secretish)).hasMessageNotContaining(secretish)
                .hasMessageContaining("not a JWT");
        OidcToken token = OidcToken.parse(SigstoreMock.token(SIGNER, ISSUER));
        assertThat(token.toString()).doesNotContain(SigstoreMock.token(SIGNER, ISSUER)).contains(SIGNER, ISSUER);
        assertThatThrownBy(() -> new FulcioClient("http://fulcio.example.com")).hasMessageContaining("https://");
        assertThatThrownBy(() -> new KeylessSigner(new FulcioClient("http://127.0.0.1:1"), new RekorClient(sigstore.url()))
                .signFiles(List.of(artifact), token)).isInstanceOf(IOException.class)
                .hasMessageContaining("Fulcio (http://127.0.0.1:1) cannot be reached").hasMessageNotContaining("eyJ");
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] b) {
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
