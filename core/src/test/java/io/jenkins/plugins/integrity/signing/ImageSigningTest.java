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
        for (String name : List.of("a", "b", "c", "d", "e", "u", "r1", "r2", "r3", "r4", "r5", "m", "p", "q")) {
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
        ImageSigner.Signed b = new ImageSigner(client, java.util.Set.of(ImageLayout.TAG)).sign(ref("b"), key);
        Digest c = client.manifest("team/app", "c").digest();
        byte[] copied = client.manifest("team/app", b.signatureTag()).bytes();
        client.pushManifest("team/app", "sha256-" + c.hex() + ".sig", copied, MediaTypes.OCI_MANIFEST);
        var result = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("c"));
        assertThat(result.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(result.reason()).contains("a signature of another image (" + b.image() + ")");
    }

    @Test
    void aTamperedPayloadAWrongKeyAndNoSignatureAreRefused() throws Exception {
        ImageSigner.Signed a = new ImageSigner(client, java.util.Set.of(ImageLayout.TAG)).sign(ref("d"), key);
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
        Attestations attestations = new Attestations(client, java.util.Set.of(ImageLayout.TAG));
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

    static JsonNode referrersIndex(Digest image) throws Exception {
        return JSON.readTree(client.manifest("team/app", "sha256-" + image.hex()).bytes());
    }

    @Test
    void aSignatureAsABundleReferrerIsListedInTheReferrersTagAndVerifies() throws Exception {
        ImageSigner.Signed signed = new ImageSigner(client, java.util.Set.of(ImageLayout.REFERRER)).sign(ref("r1"), key);
        assertThat(signed.signatureTag()).isNull();
        assertThat(client.manifestIfPresent("team/app", "sha256-" + signed.image().hex() + ".sig")).isNull();
        // docker-registry 2.8 has no referrers API: the referrers tag schema lists the artifact
        assertThat(client.referrers("team/app", signed.image())).isNull();
        JsonNode index = referrersIndex(signed.image());
        assertThat(index.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
        JsonNode entry = index.path("manifests").get(0);
        assertThat(entry.path("digest").asText()).isEqualTo(signed.referrer().toString());
        assertThat(entry.path("artifactType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
        assertThat(entry.path("annotations").path("dev.sigstore.bundle.predicateType").asText())
                .isEqualTo("https://sigstore.dev/cosign/sign/v1");
        JsonNode manifest = JSON.readTree(client.manifest("team/app", signed.referrer().toString()).bytes());
        assertThat(manifest.path("subject").path("digest").asText()).isEqualTo(signed.image().toString());
        assertThat(manifest.path("config").path("mediaType").asText()).isEqualTo("application/vnd.oci.empty.v1+json");
        assertThat(manifest.path("config").path("digest").asText())
                .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        assertThat(manifest.path("annotations").path("dev.sigstore.bundle.content").asText()).isEqualTo("dsse-envelope");
        byte[] bundle = client.blob("team/app", Digest.parse(manifest.path("layers").get(0).path("digest").asText()))
                .readAllBytes();
        SigstoreBundle parsed = SigstoreBundle.parse(bundle);
        assertThat(parsed.envelope().payloadType()).isEqualTo("application/vnd.in-toto+json");
        assertThat(JSON.readTree(parsed.envelope().payload()).path("subject").get(0).path("digest").path("sha256").asText())
                .isEqualTo(signed.image().hex());
        var ok = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("r1"));
        assertThat(ok.verdict()).as(ok.reason()).isEqualTo(SignatureVerifier.Verdict.VERIFIED);
        assertThat(ok.reason()).contains("bundle referrer");
        var wrong = new ImageSignatureVerifier(client, List.of(other.publicKey())).verify(ref("r1"));
        assertThat(wrong.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(wrong.reason()).contains("no trusted key signed");
        // a second signature is listed beside the first
        new ImageSigner(client, java.util.Set.of(ImageLayout.REFERRER)).sign(ref("r1"), other);
        assertThat(referrersIndex(signed.image()).path("manifests")).hasSize(2);
        assertThat(new ImageSignatureVerifier(client, List.of(other.publicKey())).verify(ref("r1")).verdict())
                .isEqualTo(SignatureVerifier.Verdict.VERIFIED);
    }

    @Test
    void anotherImagesReferrersListedForThisImageAreRefused() throws Exception {
        ImageSigner.Signed r2 = new ImageSigner(client, java.util.Set.of(ImageLayout.REFERRER)).sign(ref("r2"), key);
        Digest r3 = client.manifest("team/app", "r3").digest();
        client.pushManifest("team/app", "sha256-" + r3.hex(), JSON.writeValueAsBytes(referrersIndex(r2.image())),
                MediaTypes.OCI_INDEX);
        var listed = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("r3"));
        assertThat(listed.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(listed.reason()).contains("is about another image (" + r2.image() + ")");
        // the referrer manifest rewritten to name r3 as its subject: the signed statement is still about r2
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                client.manifest("team/app", r2.referrer().toString()).bytes());
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.path("subject")).put("digest", r3.toString())
                .put("size", client.manifest("team/app", r3.toString()).bytes().length);
        byte[] forged = JSON.writeValueAsBytes(m);
        Digest forgedDigest = client.pushManifest("team/app", Digest.sha256(forged).toString(), forged,
                MediaTypes.OCI_MANIFEST);
        com.fasterxml.jackson.databind.node.ObjectNode index = (com.fasterxml.jackson.databind.node.ObjectNode)
                referrersIndex(r2.image());
        ((com.fasterxml.jackson.databind.node.ObjectNode) index.path("manifests").get(0)).put("digest",
                forgedDigest.toString()).put("size", forged.length);
        client.pushManifest("team/app", "sha256-" + r3.hex(), JSON.writeValueAsBytes(index), MediaTypes.OCI_INDEX);
        var rewritten = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("r3"));
        assertThat(rewritten.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(rewritten.reason()).contains("an attestation about another image");
    }

    @Test
    void referrersOfUnknownTypesTruncatedBundlesAndOtherStatementsAreNotSignatures() throws Exception {
        Digest r4 = client.manifest("team/app", "r4").digest();
        io.jenkins.plugins.integrity.oci.Referrers referrers = new io.jenkins.plugins.integrity.oci.Referrers(client);
        referrers.attach("team/app", r4, "application/vnd.example.sbom+json", "{}".getBytes(StandardCharsets.UTF_8),
                java.util.Map.of());
        var unknown = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("r4"));
        assertThat(unknown.verdict()).isEqualTo(SignatureVerifier.Verdict.MISSING_BUNDLE);
        assertThat(unknown.reason()).contains("no Sigstore bundle referrer");
        byte[] bundle = SigstoreBundle.keyBased(key.hint(), null, Dsse.sign(Dsse.IN_TOTO, "{}".getBytes(
                StandardCharsets.UTF_8), key)).toJson().getBytes(StandardCharsets.UTF_8);
        referrers.attach("team/app", r4, SigstoreBundle.MEDIA_TYPE, java.util.Arrays.copyOf(bundle, bundle.length / 2),
                java.util.Map.of("dev.sigstore.bundle.predicateType", BundleReferrers.SIGN_PREDICATE));
        var truncated = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("r4"));
        assertThat(truncated.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(truncated.reason()).contains("cannot be read", "not JSON");
        referrers.attach("team/app", r4, SigstoreBundle.MEDIA_TYPE, bundle, java.util.Map.of());
        var notAStatement = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("r4"));
        assertThat(notAStatement.reason()).contains("not an in-toto Statement v1");
    }

    @Test
    void anAttestationAsABundleReferrerVerifiesAndIsOfItsType() throws Exception {
        Digest a = new Attestations(client, java.util.Set.of(ImageLayout.REFERRER)).attest(ref("r5"), key,
                Attestations.SLSA_PROVENANCE, "{\"buildDefinition\": {}}".getBytes(StandardCharsets.UTF_8));
        assertThat(client.manifestIfPresent("team/app", "sha256-" + a.hex() + ".att")).isNull();
        var ok = new Attestations(client).verify(ref("r5"), List.of(key.publicKey()), Attestations.SLSA_PROVENANCE);
        assertThat(ok.ok()).as(ok.reason()).isTrue();
        assertThat(ok.reason()).contains("bundle referrer");
        assertThat(ok.predicate().has("buildDefinition")).isTrue();
        var sbom = new Attestations(client).verify(ref("r5"), List.of(key.publicKey()), Attestations.CYCLONEDX);
        assertThat(sbom.ok()).isFalse();
        assertThat(sbom.reason()).contains("no Sigstore bundle referrer of https://cyclonedx.org/bom");
    }

    @Test
    void provenanceSignedElsewhereIsAttachedToTheImagesItCoversAndNowhereElse() throws Exception {
        Digest p = client.manifest("team/app", "p").digest();
        ImageReference byDigest = ImageReference.parse(registry.address() + "/team/app@" + p);
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"dist/app.jar\","
                + "\"digest\":{\"sha256\":\"" + "0".repeat(64) + "\"}},{\"name\":\"team/app\",\"digest\":{\"sha256\":\""
                + p.hex() + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{\"runDetails\":"
                + "{\"builder\":{\"id\":\"https://ci.example.com/\"}}}}";
        Dsse.Envelope envelope = Dsse.sign(Dsse.IN_TOTO, statement.getBytes(StandardCharsets.UTF_8), key);
        assertThat(new Attestations(client).attach(byDigest, envelope, key.hint())).isEqualTo(Attestations.SLSA_PROVENANCE);
        // the very envelope, in both layouts
        var tag = new Attestations(client).verify(ref("p"), List.of(key.publicKey()), Attestations.SLSA_PROVENANCE);
        assertThat(tag.ok()).as(tag.reason()).isTrue();
        assertThat(tag.predicate().path("runDetails").path("builder").path("id").asText())
                .isEqualTo("https://ci.example.com/");
        byte[] layer = client.blob("team/app", Digest.parse(JSON.readTree(client.manifest("team/app", "sha256-" + p.hex()
                + ".att").bytes()).path("layers").get(0).path("digest").asText())).readAllBytes();
        assertThat(Dsse.Envelope.parse(layer).toJson()).isEqualTo(envelope.toJson());
        assertThat(new io.jenkins.plugins.integrity.oci.Referrers(client).list("team/app", p,
                "application/vnd.dev.sigstore.bundle.v0.3+json")).extracting(r -> r.annotations()
                .get("dev.sigstore.bundle.predicateType")).containsExactly(Attestations.SLSA_PROVENANCE);
        assertThat(new Attestations(client).verify(ref("p"), List.of(other.publicKey()), Attestations.SLSA_PROVENANCE)
                .ok()).isFalse();
        // provenance of other images, of no image, or not in-toto is not attached
        Digest b = client.manifest("team/app", "q").digest();
        ImageReference bRef = ImageReference.parse(registry.address() + "/team/app@" + b);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Attestations(client).attach(bRef, envelope,
                key.hint())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not about " + b);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Attestations(client).attach(ref("q"), envelope,
                key.hint())).hasMessageContaining("not named by its digest");
        Dsse.Envelope other = Dsse.sign("application/json", statement.getBytes(StandardCharsets.UTF_8), key);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Attestations(client).attach(byDigest, other,
                key.hint())).hasMessageContaining("not in-toto");
        Dsse.Envelope notStatement = Dsse.sign(Dsse.IN_TOTO, "[1]".getBytes(StandardCharsets.UTF_8), key);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Attestations(client).attach(byDigest, notStatement,
                key.hint())).hasMessageContaining("not an in-toto Statement v1");
        assertThat(client.manifestIfPresent("team/app", "sha256-" + b.hex() + ".att")).isNull();
    }

    @Test
    void aSignatureLayerOfAnUnknownMediaTypeIsNotASignature() throws Exception {
        Digest m = client.manifest("team/app", "m").digest();
        CosignLayout.addLayer(client, "team/app", "sha256-" + m.hex() + ".sig", "application/x-unknown",
                CosignLayout.payload(registry.address() + "/team/app", m), java.util.Map.of(
                        CosignLayout.SIGNATURE_ANNOTATION, java.util.Base64.getEncoder().encodeToString(key.sign(
                                CosignLayout.payload(registry.address() + "/team/app", m)))), l -> false);
        var r = new ImageSignatureVerifier(client, List.of(key.publicKey())).verify(ref("m"));
        assertThat(r.verdict()).isEqualTo(SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(r.reason()).contains("a layer of the unknown media type 'application/x-unknown'");
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
