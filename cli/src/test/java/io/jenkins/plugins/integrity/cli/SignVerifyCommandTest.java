package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sign --file} then {@code verify --file}, with keys made by openssl. */
class SignVerifyCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ci.pem");
        Tools.run(dir, "openssl", "pkey", "-in", "ci.pem", "-pubout", "-out", "ci.pub");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "other.pem");
        Tools.run(dir, "openssl", "pkey", "-in", "other.pem", "-pubout", "-out", "other.pub");
        Files.writeString(dir.resolve("app.jar"), "pretend this is a jar");
        Files.writeString(dir.resolve("app.pom"), "<project/>");
    }

    @Test
    void signedFilesVerifyAndAChangedOneDoesNot() throws Exception {
        Path jar = dir.resolve("app.jar");
        Path pom = dir.resolve("app.pom");
        CliRun sign = CliRun.of("sign", "--file", jar.toString(), "--file", pom.toString(), "--key",
                dir.resolve("ci.pem").toString());
        assertThat(sign.code()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("signed " + jar).contains("ECDSA_P256");
        assertThat(Files.readString(dir.resolve("app.jar.sigstore.json")))
                .contains("application/vnd.dev.sigstore.bundle.v0.3+json");
        CliRun ok = CliRun.of("verify", "--file", jar.toString(), "--file", pom.toString(), "--key",
                dir.resolve("other.pub").toString(), "--key", dir.resolve("ci.pub").toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("2 files: 2 VERIFIED");
        Files.writeString(pom, "<project><modelVersion>4.0.0</modelVersion></project>");
        CliRun changed = CliRun.of("verify", "--file", jar.toString(), "--file", pom.toString(), "--key",
                dir.resolve("ci.pub").toString(), "--format", "json");
        assertThat(changed.code()).isEqualTo(1);
        assertThat(changed.out()).contains("signature-digest-mismatch").contains("\"status\" : \"FAIL\"");
        CliRun wrongKey = CliRun.of("verify", "--file", jar.toString(), "--key", dir.resolve("other.pub").toString());
        assertThat(wrongKey.code()).isEqualTo(1);
        assertThat(wrongKey.out()).contains("BAD_SIGNATURE");
    }

    @Test
    void missingFilesAndKeysExitTwo() {
        assertThat(CliRun.of("sign", "--file", dir.resolve("none").toString(), "--key", dir.resolve("ci.pem").toString())
                .code()).isEqualTo(2);
        CliRun badKey = CliRun.of("sign", "--file", dir.resolve("app.jar").toString(), "--key",
                dir.resolve("ci.pub").toString());
        assertThat(badKey.code()).isEqualTo(2);
        assertThat(badKey.err()).contains("ci.pub").contains("not a PKCS#8 private key");
        assertThat(CliRun.of("verify", "--file", dir.resolve("app.jar").toString(), "--key",
                dir.resolve("missing.pub").toString()).code()).isEqualTo(2);
    }

    @Test
    void anImageIsSignedByDigestAndVerifiedInTheRegistry() throws Exception {
        try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(dir.resolve("registry"), null, null)) {
            for (String tag : new String[] {"signed", "unsigned", "referred"}) {
                Path rootfs = dir.resolve("rootfs-" + tag);
                Files.createDirectories(rootfs.resolve("etc"));
                Files.writeString(rootfs.resolve("etc/hostname"), tag);
                io.jenkins.plugins.integrity.oci.TestImage.create(dir, tag).layer(rootfs)
                        .push(registry.address() + "/team/app:" + tag);
            }
            String image = registry.address() + "/team/app:signed";
            CliRun sign = CliRun.of("sign", "--image", image, "--key", dir.resolve("ci.pem").toString());
            assertThat(sign.code()).as(sign.err()).isZero();
            assertThat(sign.out()).contains("signed " + registry.address() + "/team/app@sha256:").contains(".sig")
                    .contains("and the bundle referrer " + registry.address() + "/team/app@sha256:");
            CliRun ok = CliRun.of("verify", "--image", image, "--key", dir.resolve("ci.pub").toString());
            assertThat(ok.code()).as(ok.out()).isZero();
            assertThat(ok.out()).contains("VERIFIED");
            CliRun wrong = CliRun.of("verify", "--image", image, "--key", dir.resolve("other.pub").toString());
            assertThat(wrong.code()).isEqualTo(1);
            CliRun unsigned = CliRun.of("verify", "--image", registry.address() + "/team/app:unsigned", "--key",
                    dir.resolve("ci.pub").toString());
            assertThat(unsigned.code()).isEqualTo(1);
            assertThat(unsigned.out()).contains("has no sha256-");
            CliRun both = CliRun.of("verify", "--image", image, "--image", registry.address() + "/team/app:unsigned",
                    "--key", dir.resolve("ci.pub").toString());
            assertThat(both.code()).isEqualTo(1);
            assertThat(both.out()).contains("2 images: 1 VERIFIED, 1 MISSING_BUNDLE");
            assertThat(CliRun.of("sign", "--image", "oci:" + dir, "--key", dir.resolve("ci.pem").toString()).code())
                    .isEqualTo(2);
            // an SBOM of the image, made by the sbom command, attested beside the signature and then required
            Path sbom = dir.resolve("image.cdx.json");
            assertThat(CliRun.of("sbom", "--image", image, "--output", sbom.toString(), "--fail-on", "NONE").code())
                    .isZero();
            CliRun attest = CliRun.of("sign", "--image", image, "--key", dir.resolve("ci.pem").toString(),
                    "--attest-sbom", sbom.toString());
            assertThat(attest.code()).as(attest.err()).isZero();
            assertThat(attest.out()).contains("attested https://cyclonedx.org/bom");
            CliRun withSbom = CliRun.of("verify", "--image", image, "--key", dir.resolve("ci.pub").toString(),
                    "--require-attestation", "cyclonedx");
            assertThat(withSbom.code()).as(withSbom.out()).isZero();
            CliRun withoutProvenance = CliRun.of("verify", "--image", image, "--key", dir.resolve("ci.pub").toString(),
                    "--require-attestation", "cyclonedx", "--require-attestation", "slsa");
            assertThat(withoutProvenance.code()).isEqualTo(1);
            assertThat(withoutProvenance.out()).contains("attestation-missing");
            assertThat(CliRun.of("verify", "--key", dir.resolve("ci.pub").toString()).code()).isEqualTo(2);
            // cosign 3's layout only: the signature and the SBOM as Sigstore bundle referrers
            String referred = registry.address() + "/team/app:referred";
            CliRun bundles = CliRun.of("sign", "--image", referred, "--key", dir.resolve("ci.pem").toString(),
                    "--layout", "referrer", "--attest-sbom", sbom.toString());
            assertThat(bundles.code()).as(bundles.err()).isZero();
            assertThat(bundles.out()).contains("the bundle referrer").doesNotContain(".sig");
            CliRun fromReferrers = CliRun.of("verify", "--image", referred, "--key", dir.resolve("ci.pub").toString(),
                    "--require-attestation", "cyclonedx", "--format", "json");
            assertThat(fromReferrers.code()).as(fromReferrers.out()).isZero();
            assertThat(fromReferrers.out()).contains("a Sigstore bundle referrer");
            CliRun badLayout = CliRun.of("sign", "--image", referred, "--key", dir.resolve("ci.pem").toString(),
                    "--layout", "sideways");
            assertThat(badLayout.code()).isEqualTo(2);
            assertThat(badLayout.err()).contains("'sideways' is not a layout");
        }
    }

    @Test
    void aFileSignedKeylessVerifiesForItsIdentityOnly() throws Exception {
        try (var sigstore = io.jenkins.plugins.integrity.signing.SigstoreMock.start(Files.createDirectories(
                dir.resolve("sigstore")))) {
            Path jar = Files.writeString(dir.resolve("keyless.jar"), "signed keyless");
            String identity = "https://jenkins.example.com/job/release/";
            String issuer = "https://jenkins.example.com/oidc";
            Path token = Files.writeString(dir.resolve("token"), io.jenkins.plugins.integrity.signing.SigstoreMock
                    .token(identity, issuer) + "\n");
            CliRun sign = CliRun.of("sign", "--file", jar.toString(), "--keyless", "--fulcio-url", sigstore.url(),
                    "--rekor-url", sigstore.url(), "--identity-token-file", token.toString());
            assertThat(sign.code()).as(sign.err()).isZero();
            assertThat(sign.out()).contains("keyless, as " + identity);
            assertThat(sign.out() + sign.err()).doesNotContain(Files.readString(token).strip());
            String root = sigstore.trustedRoot().toString();
            CliRun ok = CliRun.of("verify", "--file", jar.toString(), "--certificate-identity", identity,
                    "--certificate-oidc-issuer", issuer, "--trusted-root", root);
            assertThat(ok.code()).as(ok.out()).isZero();
            assertThat(ok.out()).contains("1 VERIFIED");
            CliRun pattern = CliRun.of("verify", "--file", jar.toString(), "--certificate-identity-regexp",
                    "https://jenkins\\.example\\.com/job/[^/]+/", "--certificate-oidc-issuer", issuer, "--trusted-root", root);
            assertThat(pattern.code()).as(pattern.out()).isZero();
            CliRun other = CliRun.of("verify", "--file", jar.toString(), "--certificate-identity",
                    "https://jenkins.example.com/job/other/", "--certificate-oidc-issuer", issuer, "--trusted-root", root,
                    "--format", "json");
            assertThat(other.code()).isEqualTo(1);
            assertThat(other.out()).contains("signature-identity-mismatch");
            CliRun byKey = CliRun.of("verify", "--file", jar.toString(), "--key", dir.resolve("ci.pub").toString());
            assertThat(byKey.code()).isEqualTo(1);
            assertThat(byKey.out()).contains("UNTRUSTED_CERTIFICATE");
        }
    }

    @Test
    void anImageSignedKeylessVerifiesForItsIdentityFromTheRegistry() throws Exception {
        try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(dir.resolve("registry-keyless"), null,
                null); var sigstore = io.jenkins.plugins.integrity.signing.SigstoreMock.start(Files.createDirectories(
                        dir.resolve("sigstore-images")))) {
            Path rootfs = dir.resolve("rootfs-keyless");
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/hostname"), "keyless");
            io.jenkins.plugins.integrity.oci.TestImage.create(dir, "keyless").layer(rootfs)
                    .push(registry.address() + "/team/app:keyless");
            String image = registry.address() + "/team/app:keyless";
            String identity = "https://jenkins.example.com/job/image/";
            String issuer = "https://jenkins.example.com/oidc";
            Path token = Files.writeString(dir.resolve("image-token"), io.jenkins.plugins.integrity.signing.SigstoreMock
                    .token(identity, issuer));
            CliRun sign = CliRun.of("sign", "--image", image, "--keyless", "--fulcio-url", sigstore.url(), "--rekor-url",
                    sigstore.url(), "--identity-token-file", token.toString());
            assertThat(sign.code()).as(sign.err()).isZero();
            assertThat(sign.out()).contains("(keyless, logged in " + sigstore.url() + ")").contains(".sig");
            String root = sigstore.trustedRoot().toString();
            CliRun ok = CliRun.of("verify", "--image", image, "--certificate-identity", identity,
                    "--certificate-oidc-issuer", issuer, "--trusted-root", root);
            assertThat(ok.code()).as(ok.out()).isZero();
            assertThat(ok.out()).contains("VERIFIED").contains("keyless");
            CliRun other = CliRun.of("verify", "--image", image, "--certificate-identity-regexp", ".*/job/deploy/",
                    "--certificate-oidc-issuer", issuer, "--trusted-root", root);
            assertThat(other.code()).isEqualTo(1);
            assertThat(other.out()).contains("IDENTITY_MISMATCH");
            CliRun referrerOnly = CliRun.of("sign", "--image", image, "--keyless", "--layout", "referrer",
                    "--identity-token-file", token.toString());
            assertThat(referrerOnly.code()).isEqualTo(2);
            assertThat(referrerOnly.err()).contains("tag layout only");
        }
    }

    @Test
    void keylessOptionsThatCannotWorkAreUsageErrors() throws Exception {
        Path jar = dir.resolve("app.jar");
        assertThat(CliRun.of("sign", "--file", jar.toString()).err()).contains("give --key or --keyless");
        CliRun noToken = CliRun.of("sign", "--file", jar.toString(), "--keyless", "--identity-token-env",
                "PIPELINE_INTEGRITY_NO_SUCH_VARIABLE");
        assertThat(noToken.code()).isEqualTo(2);
        assertThat(noToken.err()).contains("$PIPELINE_INTEGRITY_NO_SUCH_VARIABLE", "no OIDC identity token");
        Path notJwt = Files.writeString(dir.resolve("not-a-token"), "hunter2");
        CliRun bad = CliRun.of("sign", "--file", jar.toString(), "--keyless", "--identity-token-file", notJwt.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not a JWT").doesNotContain("hunter2");
        Path token = Files.writeString(dir.resolve("jwt"), io.jenkins.plugins.integrity.signing.SigstoreMock.token("a", "b"));
        CliRun clear = CliRun.of("sign", "--file", jar.toString(), "--keyless", "--identity-token-file", token.toString(),
                "--fulcio-url", "http://fulcio.example.com");
        assertThat(clear.code()).isEqualTo(2);
        assertThat(clear.err()).contains("--fulcio-url", "https://");
        assertThat(CliRun.of("verify", "--file", jar.toString()).err()).contains("give --key, or a certificate identity");
        assertThat(CliRun.of("verify", "--file", jar.toString(), "--certificate-identity", "x", "--trusted-root",
                "r.json").err()).contains("--certificate-oidc-issuer");
        assertThat(CliRun.of("verify", "--file", jar.toString(), "--certificate-identity", "x",
                "--certificate-oidc-issuer", "y").err()).contains("needs --trusted-root");
        Path junk = Files.writeString(dir.resolve("root.json"), "{\"mediaType\":\"text/plain\"}");
        CliRun badRoot = CliRun.of("verify", "--file", jar.toString(), "--certificate-identity", "x",
                "--certificate-oidc-issuer", "y", "--trusted-root", junk.toString());
        assertThat(badRoot.code()).isEqualTo(2);
        assertThat(badRoot.err()).contains("root.json", "not a Sigstore trusted root");
    }

    @Test
    void anUnsignedFileFailsVerification() throws Exception {
        Path lone = dir.resolve("lone.txt");
        Files.writeString(lone, "nobody signed me");
        CliRun r = CliRun.of("verify", "--file", lone.toString(), "--key", dir.resolve("ci.pub").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("MISSING_BUNDLE");
    }
}
