package io.jenkins.plugins.integrity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.integrity.oci.Tools;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * signArtifacts and verifySignature in a stock Jenkins with our packaged .hpi: an encrypted ECDSA key made by
 * openssl is stored, with its passphrase and public key, as credentials through the script console, as an
 * automation would, and a declarative Jenkinsfile signs, verifies, and is stopped by a swapped file.
 */
class SignArtifactsE2EIT {
    private static final String PASSPHRASE = "e2e " + "release passphrase";
    @TempDir
    static Path keys;
    private static RealJenkins jenkins;

    @BeforeAll
    static void boot() throws Exception {
        Tools.run(keys, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        Tools.run(keys, "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "k.pem", "-passout", "pass:" + PASSPHRASE,
                "-out", "release.pem");
        Tools.run(keys, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "release.pub");
        jenkins = RealJenkins.start();
        String script = String.join("\n",
                "import com.cloudbees.plugins.credentials.*",
                "import org.jenkinsci.plugins.plaincredentials.impl.*",
                "import hudson.util.Secret",
                "def store = SystemCredentialsProvider.getInstance().getCredentials()",
                "store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, 'release-key', 'release key', 'release.pem',",
                "    SecretBytes.fromBytes(new File('" + keys.resolve("release.pem") + "').bytes)))",
                "store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, 'release-key-pass', 'passphrase',",
                "    Secret.fromString('" + PASSPHRASE + "')))",
                "store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, 'release-pub', 'public key',",
                "    Secret.fromString(new File('" + keys.resolve("release.pub") + "').text)))",
                "SystemCredentialsProvider.getInstance().save()",
                "println 'keys stored'");
        HttpResponse<String> r = jenkins.post("scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("keys stored");
    }

    @AfterAll
    static void stop() throws Exception {
        if (jenkins != null) {
            jenkins.close();
        }
    }

    @Test
    void anImagePushedToTheRegistryIsSignedByDigestAndAnUnsignedOneStopsTheDeploy() throws Exception {
        try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(keys.resolve("registry"), null, null)) {
            for (String tag : new String[] {"1.0", "unsigned"}) {
                Path rootfs = keys.resolve("rootfs-" + tag);
                Files.createDirectories(rootfs.resolve("etc"));
                Files.writeString(rootfs.resolve("etc/hostname"), tag + "\n");
                io.jenkins.plugins.integrity.oci.TestImage.create(keys, tag).layer(rootfs)
                        .push(registry.address() + "/team/app:" + tag);
            }
            jenkins.createPipelineJob("sign-image", Jenkinsfiles.load("sign-image.Jenkinsfile")
                    .replace("@REGISTRY@", registry.address()));
            RealJenkins.Build b = jenkins.build("sign-image");
            assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
            assertThat(b.console()).contains("image signed: sha256:").contains("1 attestation(s)")
                    .contains("image verified: PASS")
                    .contains("MISSING_BUNDLE").contains("has no sha256-")
                    .doesNotContain("DEPLOYED: must never be reached").doesNotContain(PASSPHRASE);
            // the signature is where cosign looks for it, and verifies with the command-line verifier too
            var client = new io.jenkins.plugins.integrity.oci.RegistryClient(registry.address(), null, false);
            var verdict = new io.jenkins.plugins.integrity.signing.ImageSignatureVerifier(client, java.util.List.of(
                    io.jenkins.plugins.integrity.signing.PublicKeys.fromPem(Files.readString(keys.resolve("release.pub")))))
                    .verify(io.jenkins.plugins.integrity.oci.ImageReference.parse(registry.address() + "/team/app:1.0"));
            assertThat(verdict.verdict()).isEqualTo(io.jenkins.plugins.integrity.signing.SignatureVerifier.Verdict.VERIFIED);
            // and as cosign 3 looks for it: Sigstore bundle referrers (here in the referrers tag), the signature and
            // the SBOM attestation
            var referrers = new io.jenkins.plugins.integrity.oci.Referrers(client).list("team/app", verdict.image(),
                    "application/vnd.dev.sigstore.bundle.v0.3+json");
            assertThat(referrers).extracting(r -> r.annotations().get("dev.sigstore.bundle.predicateType"))
                    .containsExactlyInAnyOrder("https://sigstore.dev/cosign/sign/v1", "https://cyclonedx.org/bom");
        }
    }

    @Test
    void theImagesTheManifestsNameMustBeSignedBeforeTheyAreDeployed() throws Exception {
        try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(keys.resolve("registry-deploy"), null,
                null)) {
            for (String repo : new String[] {"web", "sidecar"}) {
                Path rootfs = Files.createDirectories(keys.resolve("rootfs-" + repo + "/etc"));
                Files.writeString(rootfs.resolve("hostname"), repo + "\n");
                io.jenkins.plugins.integrity.oci.TestImage.create(keys, repo).layer(rootfs.getParent())
                        .push(registry.address() + "/team/" + repo + ":1.0");
            }
            jenkins.createPipelineJob("deploy-signed-images", Jenkinsfiles.load("deploy-signed-images.Jenkinsfile")
                    .replace("@REGISTRY@", registry.address()));
            RealJenkins.Build b = jenkins.build("deploy-signed-images");
            assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
            assertThat(b.console()).contains("release images: WARN").contains("images' signatures: 1 verified, 0 not")
                    .contains("k8s-image-unsigned").contains("k8s/web.yaml:18")
                    .contains(registry.address() + "/team/sidecar:1.0").contains("MISSING_BUNDLE")
                    .doesNotContain("DEPLOYED: must never be reached").doesNotContain(PASSPHRASE);
            JsonNode api = jenkins.getJson(b.path() + "pipeline-integrity/api/json");
            assertThat(api.toString()).contains("\"rule\":\"k8s-image-unsigned\"");
        }
    }

    @Test
    void aReleaseIsSignedVerifiedAndAFileSwappedAfterSigningStopsThePipeline() throws Exception {
        jenkins.createPipelineJob("sign-verify", Jenkinsfiles.load("sign-verify.Jenkinsfile"));
        RealJenkins.Build b = jenkins.build("sign-verify");
        assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
        assertThat(b.console())
                .contains("bundles: [dist/app-1.4.0.pom.sigstore.json, dist/app-1.4.0.tar.gz.sigstore.json]")
                .contains("release verify: PASS 2 files: 2 VERIFIED")
                .contains("signature-digest-mismatch")
                .contains("verifySignature: FAIL - 2 files: 1 VERIFIED, 1 DIGEST_MISMATCH")
                .doesNotContain("PUBLISHED: must never be reached")
                .doesNotContain(PASSPHRASE);
        String bundle = jenkins.get(b.path() + "artifact/dist/app-1.4.0.tar.gz.sigstore.json").body();
        assertThat(bundle).contains("application/vnd.dev.sigstore.bundle.v0.3+json").contains("messageSignature");
        JsonNode api = jenkins.getJson(b.path() + "pipeline-integrity/api/json");
        assertThat(api.path("status").asText()).isEqualTo("FAIL");
        assertThat(api.toString()).contains("\"check\":\"signing\"").contains("\"check\":\"signatures\"")
                .doesNotContain(PASSPHRASE);
        // the archived bundle verifies the original bytes with the CLI's verifier too
        Path original = keys.resolve("app-1.4.0.tar.gz");
        Files.writeString(original, "the release artifact");
        var result = new io.jenkins.plugins.integrity.signing.SignatureVerifier(java.util.List.of(
                io.jenkins.plugins.integrity.signing.PublicKeys.fromPem(Files.readString(keys.resolve("release.pub")))))
                .verifyFile(original, bundle.getBytes(StandardCharsets.UTF_8));
        assertThat(result.verdict()).isEqualTo(io.jenkins.plugins.integrity.signing.SignatureVerifier.Verdict.VERIFIED);
    }

    @Test
    void aReleaseSignedKeylessVerifiesForItsIdentityAndAnotherIdentityStopsTheDeploy() throws Exception {
        Path dir = Files.createDirectories(keys.resolve("sigstore"));
        try (var sigstore = io.jenkins.plugins.integrity.signing.SigstoreMock.start(dir);
                var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(keys.resolve("registry-keyless"), null,
                        null)) {
            Path rootfs = keys.resolve("rootfs-keyless");
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/hostname"), "keyless\n");
            io.jenkins.plugins.integrity.oci.TestImage.create(keys, "keyless").layer(rootfs)
                    .push(registry.address() + "/team/app:2.0.0");
            String identity = "https://ci.example.com/job/release/";
            String issuer = "https://ci.example.com/oidc";
            String token = io.jenkins.plugins.integrity.signing.SigstoreMock.token(identity, issuer);
            String script = String.join("\n",
                    "import com.cloudbees.plugins.credentials.*",
                    "import org.jenkinsci.plugins.plaincredentials.impl.*",
                    "import hudson.util.Secret",
                    "def store = SystemCredentialsProvider.getInstance().getCredentials()",
                    "store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, 'release-id-token', 'OIDC token',",
                    "    Secret.fromString('" + token + "')))",
                    "store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, 'sigstore-trusted-root', 'trusted root',",
                    "    'trusted_root.json', SecretBytes.fromBytes(new File('" + sigstore.trustedRoot() + "').bytes)))",
                    "SystemCredentialsProvider.getInstance().save()",
                    "println 'keyless trust stored'");
            HttpResponse<String> r = jenkins.post("scriptText", "application/x-www-form-urlencoded",
                    "script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
            assertThat(r.body()).contains("keyless trust stored");
            jenkins.createPipelineJob("sign-keyless", Jenkinsfiles.load("sign-keyless.Jenkinsfile")
                    .replace("@SIGSTORE@", sigstore.url()).replace("@IDENTITY@", identity).replace("@ISSUER@", issuer)
                    .replace("@REGISTRY@", registry.address()));
            RealJenkins.Build b = jenkins.build("sign-keyless");
            assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
            assertThat(b.console()).contains("keyless: 1 file signed keyless as " + identity)
                    .contains("keyless verify: PASS 1 file: 1 VERIFIED")
                    .contains("image keyless: " + registry.address() + "/team/app@sha256:")
                    .contains("image keyless verify: PASS")
                    .contains("IDENTITY_MISMATCH")
                    .doesNotContain("DEPLOYED: must never be reached")
                    .doesNotContain(token);
            // the archived bundle verifies with sigstore-js too, for the same identity
            Path bundle = Files.writeString(dir.resolve("app.sigstore.json"),
                    jenkins.get(b.path() + "artifact/dist/app-2.0.0.jar.sigstore.json").body());
            Path jar = Files.writeString(dir.resolve("app-2.0.0.jar"), "the keyless release");
            String[] js = io.jenkins.plugins.integrity.signing.SigstoreMock.node(dir, "sigstore-keyless-verify.cjs",
                    bundle.toString(), jar.toString(), sigstore.trustedRoot().toString(), identity, issuer);
            assertThat(js[1]).contains("verified");
        }
    }
}
