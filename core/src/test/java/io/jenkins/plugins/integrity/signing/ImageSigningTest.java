package io.jenkins.plugins.integrity.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.LocalRegistry;
import io.jenkins.plugins.integrity.oci.MediaTypes;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.TestImage;
import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key-based image signatures in cosign's registry layout, on images umoci builds and skopeo pushes to
 * Debian's docker-registry on 127.0.0.1: signed then verified, and refused when copied from another image,
 * tampered with, checked with another key, or absent.
 */
class ImageSigningTest {
    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static RegistryClient client;
    static SigningKey key;
    static SigningKey other;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(dir.resolve("registry"), null, null);
        client = new RegistryClient(registry.address(), null, false);
        for (String name : List.of("a", "b", "c", "d", "e", "u")) {
            Path rootfs = dir.resolve("rootfs-" + name);
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/hostname"), name + "\n");
            TestImage.create(dir, name).layer(rootfs).push(registry.address() + "/team/app:" + name);
        }
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "o.pem");
        key = SigningKey.fromPem(Files.readString(dir.resolve("k.pem")), null);
        other = SigningKey.fromPem(Files.readString(dir.resolve("o.pem")), null);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    static ImageReference ref(String tag) {
        return ImageReference.parse(registry.address() + "/team/app:" + tag);
    }

    @Test
    void aSignedImageVerifiesByItsDigestInCosignsLayout() throws Exception {
        ImageSigner.Signed signed = new ImageSigner(client).sign(ref("a"), key);
        assertThat(signed.signatureTag()).isEqualTo("sha256-" + signed.image().hex() + ".sig");
        JsonNode manifest = JSON.readTree(client.manifest("team/app", signed.signatureTag()).bytes());
        JsonNode layer = manifest.path("layers").get(0);
        assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
        assertThat(layer.path("annotations").path("dev.cosignproject.cosign/signature").asText()).isNotEmpty();
        byte[] payload = client.blob("team/app", Digest.parse(layer.path("digest").asText())).readAllBytes();
        JsonNode p = JSON.readTree(payload);
        assertThat(p.path("critical").path("image").path("docker-manifest-digest").asText()).isEqualTo(signed.image()
                .toString());
        assertThat(p.path("critical").path("type").asText()).isEqualTo("cosign container image signature");
        var result = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("a"));
        assertThat(result.verdict()).as(result.reason()).isEqualTo(SignatureVerifier.Verdict.VERIFIED);
        assertThat(new ImageSignatureVerifier(client, List.of(key.publicKey()))
                .verify(ImageReference.parse(registry.address() + "/team/app@" + signed.image())).verdict())
                .isEqualTo(SignatureVerifier.Verdict.VERIFIED);
        // a second signature is added beside the first, which still verifies
        new ImageSigner(client).sign(ref("a"), other);
        assertThat(JSON.readTree(client.manifest("team/app", signed.signatureTag()).bytes()).path("layers")).hasSize(2);
        assertThat(new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("a")).verdict())
                .isEqualTo(SignatureVerifier.Verdict.VERIFIED);
        assertThat(new ImageSignatureVerifier(client, List.of(other.publicKey())).verify(ref("a")).verdict())
                .isEqualTo(SignatureVerifier.Verdict.VERIFIED);
    }

    @Test
    void anotherImagesSignatureCopiedToThisImageIsRefused() throws Exception {
        ImageSigner.Signed b = new ImageSigner(client).sign(ref("b"), key);
        Digest c = client.manifest("team/app", "c").digest();
        byte[] copied = client.manifest("team/app", b.signatureTag()).bytes();
        client.pushManifest("team/app", "sha256-" + c.hex() + ".sig", copied, MediaTypes.OCI_MANIFEST);
        var result = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("c"));
        assertThat(result.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(result.reason()).contains("a signature of another image (" + b.image() + ")");
    }

    @Test
    void aTamperedPayloadAWrongKeyAndNoSignatureAreRefused() throws Exception {
        ImageSigner.Signed a = new ImageSigner(client).sign(ref("d"), key);
        StrangerKey stranger = new StrangerKey();
        var wrong = new ImageSignatureVerifier(client, List.of(stranger.key.publicKey())).verify(ref("d"));
        assertThat(wrong.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(wrong.reason()).contains("no trusted key verifies the signature");
        // the payload rewritten (its blob pushed, so that the digest matches) under the old signature
        JsonNode manifest = JSON.readTree(client.manifest("team/app", a.signatureTag()).bytes());
        com.fasterxml.jackson.databind.node.ObjectNode layer =
                (com.fasterxml.jackson.databind.node.ObjectNode) manifest.path("layers").get(0);
        byte[] payload = client.blob("team/app", Digest.parse(layer.path("digest").asText())).readAllBytes();
        byte[] tampered = new String(payload, StandardCharsets.UTF_8).replace("\"optional\":null",
                "\"optional\":{\"note\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        Digest t = client.pushBlob("team/app", tampered);
        layer.put("digest", t.toString()).put("size", tampered.length);
        ((com.fasterxml.jackson.databind.node.ArrayNode) manifest.path("layers")).removeAll().add(layer);
        client.pushManifest("team/app", a.signatureTag(), JSON.writeValueAsBytes(manifest), MediaTypes.OCI_MANIFEST);
        var result = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("d"));
        assertThat(result.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(result.reason()).contains("no trusted key verifies the signature");
        assertThat(new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("u")).verdict())
                .isEqualTo(SignatureVerifier.Verdict.MISSING_BUNDLE);
    }

    @Test
    void anSbomAttestationIsAboutThisImageSignedByATrustedKeyAndOfItsType() throws Exception {
        // the SBOM of the image itself, pulled from the registry, is the predicate
        String sbom;
        try (var source = io.jenkins.plugins.integrity.oci.ImageSources.open(ref("e"),
                io.jenkins.plugins.integrity.oci.ImageSources.Options.defaults())) {
            sbom = io.jenkins.plugins.integrity.sbom.CycloneDxWriter.json(
                    new io.jenkins.plugins.integrity.sbom.SbomGenerator().fromImage(source, null).sbom());
        }
        Attestations attestations = new Attestations(client);
        Digest e = attestations.attest(ref("e"), key, Attestations.CYCLONEDX, sbom.getBytes(StandardCharsets.UTF_8));
        JsonNode layer = JSON.readTree(client.manifest("team/app", "sha256-" + e.hex() + ".att").bytes()).path("layers")
                .get(0);
        assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.dsse.envelope.v1+json");
        assertThat(layer.path("annotations").path("predicateType").asText()).isEqualTo("https://cyclonedx.org/bom");
        var ok = attestations.verify(ref("e"), List.of(key.publicKey()), Attestations.CYCLONEDX);
        assertThat(ok.ok()).as(ok.reason()).isTrue();
        assertThat(ok.predicate().path("bomFormat").asText()).isEqualTo("CycloneDX");
        var otherType = attestations.verify(ref("e"), List.of(key.publicKey()), Attestations.SLSA_PROVENANCE);
        assertThat(otherType.ok()).isFalse();
        assertThat(otherType.reason()).contains("an attestation of https://cyclonedx.org/bom");
        var wrongKey = attestations.verify(ref("e"), List.of(other.publicKey()), Attestations.CYCLONEDX);
        assertThat(wrongKey.reason()).contains("no trusted key signed");
        // copied to another image: its statement's subject is still e
        Digest b = client.manifest("team/app", "b").digest();
        client.pushManifest("team/app", "sha256-" + b.hex() + ".att", client.manifest("team/app", "sha256-" + e.hex()
                + ".att").bytes(), MediaTypes.OCI_MANIFEST);
        assertThat(attestations.verify(ref("b"), List.of(key.publicKey()), Attestations.CYCLONEDX).reason())
                .contains("about another image");
        assertThat(attestations.verify(ref("u"), List.of(key.publicKey()), Attestations.CYCLONEDX).reason())
                .contains("has no sha256-");
    }

    /** An ECDSA key nobody trusts. */
    static final class StrangerKey {
        final SigningKey key;

        StrangerKey() throws Exception {
            Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                    "stranger.pem");
            key = SigningKey.fromPem(Files.readString(dir.resolve("stranger.pem")), null);
        }
    }
}
