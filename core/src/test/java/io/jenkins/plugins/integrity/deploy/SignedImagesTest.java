package io.jenkins.plugins.integrity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.LocalRegistry;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.TestImage;
import io.jenkins.plugins.integrity.oci.Tools;
import io.jenkins.plugins.integrity.signing.ImageSignatureVerifier;
import io.jenkins.plugins.integrity.signing.ImageSigner;
import io.jenkins.plugins.integrity.signing.SignatureVerifier;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signature policy for the images manifests name, against images umoci builds, skopeo pushes to Debian's
 * docker-registry on 127.0.0.1 and our signer signs: a signed image passes by tag and by digest; an unsigned one,
 * one signed by another key, an unreachable registry, a placeholder and a local path are findings at their line.
 */
class SignedImagesTest {
    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static RegistryClient client;
    static SigningKey key;
    static SigningKey other;
    static Digest signed;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(dir.resolve("registry"), null, null);
        client = new RegistryClient(registry.address(), null, false);
        for (String name : List.of("signed", "unsigned")) {
            Path rootfs = dir.resolve("rootfs-" + name);
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/hostname"), name + "\n");
            TestImage.create(dir, name).layer(rootfs).push(registry.address() + "/team/" + name + ":1");
        }
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "o.pem");
        key = SigningKey.fromPem(Files.readString(dir.resolve("k.pem")), null);
        other = SigningKey.fromPem(Files.readString(dir.resolve("o.pem")), null);
        signed = new ImageSigner(client).sign(ImageReference.parse(registry.address() + "/team/signed:1"), key).image();
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    private static String deployment(String... images) {
        StringBuilder s = new StringBuilder("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                """);
        for (int i = 0; i < images.length; i++) {
            s.append("        - name: c").append(i).append("\n          image: \"").append(images[i]).append("\"\n");
        }
        return s.toString();
    }

    private CheckResult check(Path root, SignedImages policy) {
        return DeployCheck.check(List.of(root), Map.of(), policy, root, List.of(), Gate.failOn(Severity.HIGH));
    }

    private static SignedImages trusting(List<String> scope, SigningKey k) {
        return SignedImages.trusting(scope, false, host -> new RegistryClient(host, null, false), List.of(k.publicKey()),
                null);
    }

    private static List<Finding> unsigned(CheckResult r) {
        return r.findings().stream().filter(f -> f.rule().equals("k8s-image-unsigned")).toList();
    }

    @Test
    void aSignedImagePassesByTagAndByDigestAndAnUnsignedOneIsAHighFindingAtItsLine() throws Exception {
        Path root = Files.createDirectories(dir.resolve("a"));
        String at = registry.address();
        Files.writeString(root.resolve("web.yaml"), deployment(at + "/team/signed:1", at + "/team/signed@" + signed,
                at + "/team/unsigned:1"));
        CheckResult r = check(root, trusting(List.of(), key));
        List<Finding> found = unsigned(r);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.location().file()).isEqualTo("web.yaml");
        assertThat(f.location().line()).isEqualTo(14);
        assertThat(f.message()).contains("Deployment/web (document 1, spec.template.spec.containers[2].image)")
                .contains(at + "/team/unsigned:1").contains("MISSING_BUNDLE");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.metrics()).containsEntry("signedImages", 2L).containsEntry("unsignedImages", 1L);
        assertThat(r.summary()).contains("images' signatures: 2 verified, 1 not");
    }

    @Test
    void anImageSignedByAnotherKeyIsUnsigned() throws Exception {
        Path root = Files.createDirectories(dir.resolve("b"));
        Files.writeString(root.resolve("web.yaml"), deployment(registry.address() + "/team/signed:1"));
        List<Finding> found = unsigned(check(root, trusting(List.of(), other)));
        assertThat(found).singleElement().satisfies(f -> assertThat(f.message()).contains("BAD_SIGNATURE")
                .contains("(" + signed + ")"));
    }

    @Test
    void anUnreachableRegistryAPlaceholderAndALocalPathAreFindingsNotPasses() throws Exception {
        Path root = Files.createDirectories(dir.resolve("c"));
        Files.writeString(root.resolve("web.yaml"), deployment("127.0.0.1:1/team/app:1", "${IMAGE}", "oci:/etc"));
        List<Finding> found = unsigned(check(root, trusting(List.of(), key)));
        assertThat(found).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).contains("127.0.0.1:1/team/app:1 cannot be verified"),
                m -> assertThat(m).contains("${IMAGE} not an image reference"),
                m -> assertThat(m).contains("oci:/etc not an image in a registry"));
    }

    @Test
    void theScopeLeavesOtherRegistriesOutAndComposeImagesAreCheckedToo() throws Exception {
        Path root = Files.createDirectories(dir.resolve("d"));
        Files.writeString(root.resolve("web.yaml"), deployment("127.0.0.1:1/elsewhere:1", registry.address()
                + "/team/unsigned:1"));
        Files.writeString(root.resolve("compose.yaml"), """
                services:
                  db:
                    image: %s/team/unsigned:1
                """.formatted(registry.address()));
        CheckResult r = check(root, trusting(List.of(registry.address() + "/team/**"), key));
        assertThat(unsigned(r)).extracting(f -> f.location().file() + ":" + f.location().line()).containsExactlyInAnyOrder(
                "web.yaml:12", "compose.yaml:3");
        assertThat(r.metrics()).containsEntry("imagesOutOfScope", 1L).containsEntry("unsignedImages", 1L);
    }

    @Test
    void withOtherImagesDeniedAnImageOutsideTheScopeIsAFindingAndIsNotContacted() throws Exception {
        Path root = Files.createDirectories(dir.resolve("g"));
        Files.writeString(root.resolve("web.yaml"), deployment("127.0.0.1:1/elsewhere:1", registry.address()
                + "/team/signed:1"));
        AtomicInteger contacted = new AtomicInteger();
        SignedImages trusting = SignedImages.trusting(List.of(registry.address() + "/team/**"), true, host -> {
            contacted.incrementAndGet();
            return new RegistryClient(host, null, false);
        }, List.of(key.publicKey()), null);
        CheckResult r = check(root, trusting);
        assertThat(unsigned(r)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("127.0.0.1:1/elsewhere:1 is from none of the repositories the signature policy covers ("
                        + registry.address() + "/team/**)"));
        assertThat(contacted).hasValue(1);
        assertThat(r.metrics()).containsEntry("signedImages", 1L).containsEntry("imagesOutOfScope", 1L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SignedImages(List.of(), true, ref -> null))
                .hasMessageContaining("needs a scope");
    }

    @Test
    void eachDistinctImageIsVerifiedOnceAndTheirNumberIsBounded() throws Exception {
        Path root = Files.createDirectories(dir.resolve("e"));
        List<String> images = new ArrayList<>();
        for (int i = 0; i <= SignedImages.MAX_IMAGES; i++) {
            images.add("registry.example.com/app" + i + ":1");
        }
        images.add("registry.example.com/app0:1");
        Files.writeString(root.resolve("web.yaml"), deployment(images.toArray(String[]::new)));
        AtomicInteger calls = new AtomicInteger();
        SignedImages counting = new SignedImages(List.of(), ref -> {
            calls.incrementAndGet();
            return new ImageSignatureVerifier.Result(SignatureVerifier.Verdict.VERIFIED, Digest.sha256(new byte[0]),
                    "signed");
        });
        CheckResult r = check(root, counting);
        assertThat(calls).hasValue(SignedImages.MAX_IMAGES);
        assertThat(unsigned(r)).singleElement().satisfies(f -> assertThat(f.message()).contains("app500:1")
                .contains("more than " + SignedImages.MAX_IMAGES));
    }

    @Test
    void withoutAPolicyNoSignatureIsAsked() throws Exception {
        Path root = Files.createDirectories(dir.resolve("f"));
        Files.writeString(root.resolve("web.yaml"), deployment(registry.address() + "/team/unsigned:1"));
        CheckResult r = DeployCheck.check(List.of(root), root, List.of(), Gate.failOn(Severity.HIGH));
        assertThat(unsigned(r)).isEmpty();
        assertThat(r.metrics()).doesNotContainKey("signedImages");
    }
}
