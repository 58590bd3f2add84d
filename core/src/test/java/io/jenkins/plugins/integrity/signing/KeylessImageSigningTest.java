package io.jenkins.plugins.integrity.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.LocalRegistry;
import io.jenkins.plugins.integrity.oci.MediaTypes;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless image signatures in cosign's tag layout (the certificate, chain and Rekor bundle in the signature
 * layer's annotations), against the local Sigstore and Debian's docker-registry on 127.0.0.1: verified for the
 * identity, and refused for another identity, without a policy, expired without the log's timestamp, and with
 * another image's log entry.
 */
class KeylessImageSigningTest {
    static final String IDENTITY = "https://jenkins.example.com/job/images/";
    static final String ISSUER = "https://jenkins.example.com/oidc";
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static SigstoreMock sigstore;
    static RegistryClient client;
    static TrustedRoot root;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(dir.resolve("registry"), null, null);
        sigstore = SigstoreMock.start(Files.createDirectories(dir.resolve("sigstore")));
        root = TrustedRoot.parse(Files.readAllBytes(sigstore.trustedRoot()));
        client = new RegistryClient(registry.address(), null, false);
        for (String name : List.of("k1", "k2", "k3")) {
            Path rootfs = dir.resolve("rootfs-" + name);
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/hostname"), name + "\n");
            TestImage.create(dir, name).layer(rootfs).push(registry.address() + "/team/app:" + name);
        }
        KeylessSigner signer = new KeylessSigner(new FulcioClient(sigstore.url()), new RekorClient(sigstore.url()));
        KeylessSigner.Certified certified = signer.certify(OidcToken.parse(SigstoreMock.token(IDENTITY, ISSUER)));
        for (String name : List.of("k1", "k2")) {
            new ImageSigner(client).signKeyless(ref(name), certified);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
        sigstore.close();
    }

    static ImageReference ref(String tag) {
        return ImageReference.parse(registry.address() + "/team/app:" + tag);
    }

    static ImageSignatureVerifier.Result verify(String tag, IdentityPolicy policy, Clock clock) throws Exception {
        return new ImageSignatureVerifier(client, List.of(), policy == null ? null : new KeylessPolicy(root, policy, clock))
                .verify(ref(tag));
    }

    static IdentityPolicy policy() {
        return new IdentityPolicy(IDENTITY, false, ISSUER, false);
    }

    static String sigTag(String tag) throws Exception {
        return "sha256-" + client.manifest("team/app", tag).digest().hex() + ".sig";
    }

    /** Rewrites the signature layer's annotations of one image. */
    static void editAnnotations(String tag, Consumer<ObjectNode> change) throws Exception {
        ObjectNode m = (ObjectNode) JSON.readTree(client.manifest("team/app", sigTag(tag)).bytes());
        change.accept((ObjectNode) m.path("layers").get(0).path("annotations"));
        client.pushManifest("team/app", sigTag(tag), JSON.writeValueAsBytes(m), MediaTypes.OCI_MANIFEST);
    }

    @Test
    void aKeylessImageSignatureCarriesCosignsAnnotationsAndVerifiesForItsIdentity() throws Exception {
        JsonNode a = JSON.readTree(client.manifest("team/app", sigTag("k1")).bytes()).path("layers").get(0)
                .path("annotations");
        assertThat(a.path("dev.sigstore.cosign/certificate").asText()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(a.path("dev.sigstore.cosign/chain").asText()).startsWith("-----BEGIN CERTIFICATE-----");
        JsonNode bundle = JSON.readTree(a.path("dev.sigstore.cosign/bundle").asText());
        assertThat(bundle.path("SignedEntryTimestamp").asText()).isNotEmpty();
        assertThat(bundle.path("Payload").path("logID").asText()).matches("[0-9a-f]{64}");
        ImageSignatureVerifier.Result r = verify("k1", policy(), Clock.systemUTC());
        assertThat(r.verdict()).as(r.reason()).isEqualTo(SignatureVerifier.Verdict.VERIFIED);
        assertThat(r.reason()).contains("keyless", IDENTITY, ISSUER);
        // the log's timestamp vouches for the signing time long after the certificate expired
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(30)), ZoneOffset.UTC);
        assertThat(verify("k1", policy(), later).verdict()).isEqualTo(SignatureVerifier.Verdict.VERIFIED);
    }

    @Test
    void anotherIdentityOrNoPolicyIsRefused() throws Exception {
        ImageSignatureVerifier.Result other = verify("k1", new IdentityPolicy("https://jenkins.example.com/job/other/",
                false, ISSUER, false), Clock.systemUTC());
        assertThat(other.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(other.reason()).contains("IDENTITY_MISMATCH");
        ImageSignatureVerifier.Result none = verify("k1", null, Clock.systemUTC());
        assertThat(none.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(none.reason()).contains("no certificate identity and OIDC issuer were given");
    }

    @Test
    void withoutTheRekorBundleTheCertificateIsJudgedNowAndHasExpiredLater() throws Exception {
        editAnnotations("k2", a -> a.remove("dev.sigstore.cosign/bundle"));
        assertThat(verify("k2", policy(), Clock.systemUTC()).verdict()).isEqualTo(SignatureVerifier.Verdict.VERIFIED);
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        ImageSignatureVerifier.Result expired = verify("k2", policy(), later);
        assertThat(expired.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(expired.reason()).contains("CERTIFICATE_EXPIRED", "no transparency log entry");
    }

    @Test
    void anotherImagesSignatureWithItsLogEntryCopiedHereIsRefused() throws Exception {
        client.pushManifest("team/app", sigTag("k3"), client.manifest("team/app", sigTag("k1")).bytes(),
                MediaTypes.OCI_MANIFEST);
        ImageSignatureVerifier.Result copied = verify("k3", policy(), Clock.systemUTC());
        assertThat(copied.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(copied.reason()).contains("a signature of another image");
    }

    @Test
    void aLogEntryOfAnotherSignatureOrAForgedCertificateIsRefused() throws Exception {
        String k1Bundle = JSON.readTree(client.manifest("team/app", sigTag("k1")).bytes()).path("layers").get(0)
                .path("annotations").path("dev.sigstore.cosign/bundle").asText();
        // k1's log entry beside k2's own (removed above or not) signature: it records another payload digest
        Path k2Before = dir.resolve("k2.json");
        Files.write(k2Before, client.manifest("team/app", sigTag("k2")).bytes());
        editAnnotations("k2", a -> a.put("dev.sigstore.cosign/bundle", k1Bundle));
        ImageSignatureVerifier.Result replayed = verify("k2", policy(), Clock.systemUTC());
        assertThat(replayed.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(replayed.reason()).contains("INVALID_TLOG_ENTRY", "another artifact digest");
        editAnnotations("k2", a -> a.put("dev.sigstore.cosign/certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n"
                + "-----END CERTIFICATE-----\n"));
        assertThat(verify("k2", policy(), Clock.systemUTC()).reason()).contains("a certificate annotation that cannot be used");
        client.pushManifest("team/app", sigTag("k2"), Files.readAllBytes(k2Before), MediaTypes.OCI_MANIFEST);
        editAnnotations("k2", a -> a.put("dev.sigstore.cosign/bundle", "{\"Payload\": {}}"));
        assertThat(verify("k2", policy(), Clock.systemUTC()).reason()).contains("a Rekor bundle annotation that cannot"
                + " be read");
        client.pushManifest("team/app", sigTag("k2"), Files.readAllBytes(k2Before), MediaTypes.OCI_MANIFEST);
    }
}
