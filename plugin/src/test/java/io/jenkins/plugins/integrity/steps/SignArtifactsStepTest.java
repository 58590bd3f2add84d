package io.jenkins.plugins.integrity.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** signArtifacts and verifySignature with keys made by openssl and held as Credentials-plugin credentials. */
@WithJenkins
class SignArtifactsStepTest {
    private static final String PASSPHRASE = "s3cret " + "release pass";
    @TempDir
    Path keys;

    /** Keys made by openssl, stored as a secret file, secret texts and a passphrase in the system store. */
    private void credentials() throws Exception {
        Tools.run(keys, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        Tools.run(keys, "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "k.pem", "-passout", "pass:" + PASSPHRASE,
                "-out", "release.pem");
        Tools.run(keys, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "release.pub");
        Tools.run(keys, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "other.pem");
        Tools.run(keys, "openssl", "pkey", "-in", "other.pem", "-pubout", "-out", "other.pub");
        var store = SystemCredentialsProvider.getInstance().getCredentials();
        store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "release-key", "release signing key", "release.pem",
                SecretBytes.fromBytes(Files.readAllBytes(keys.resolve("release.pem")))));
        store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "release-key-pass", "its passphrase",
                Secret.fromString(PASSPHRASE)));
        store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "release-pub", "release public key", "release.pub",
                SecretBytes.fromBytes(Files.readAllBytes(keys.resolve("release.pub")))));
        store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "other-pub", "another key",
                Secret.fromString(Files.readString(keys.resolve("other.pub")))));
        SystemCredentialsProvider.getInstance().save();
    }

    private static WorkflowJob job(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void signedFilesAreArchivedAndVerifyAndAChangedOneFailsTheBuild(JenkinsRule j) throws Exception {
        credentials();
        WorkflowRun b = j.buildAndAssertSuccess(job(j, "sign", """
                node {
                  writeFile file: 'dist/app-1.0.tar.gz', text: 'the release'
                  writeFile file: 'dist/app-1.0.pom', text: '<project/>'
                  def s = signArtifacts files: 'dist/*', keyCredentialsId: 'release-key', passphraseCredentialsId: 'release-key-pass'
                  echo "signed ${s.bundles}"
                  def v = verifySignature files: 'dist/*', keyCredentialsId: 'other-pub, release-pub'
                  echo "verify ${v.status}: ${v.summary}"
                }"""));
        j.assertLogContains("signed [dist/app-1.0.pom.sigstore.json, dist/app-1.0.tar.gz.sigstore.json]", b);
        j.assertLogContains("verify PASS: 2 files: 2 VERIFIED", b);
        j.assertLogNotContains(PASSPHRASE, b);
        assertThat(b.getArtifacts()).extracting(a -> a.relativePath).containsExactlyInAnyOrder(
                "dist/app-1.0.tar.gz.sigstore.json", "dist/app-1.0.pom.sigstore.json");
        assertThat(b.getAction(IntegrityReportAction.class).getResults()).extracting(r -> r.check())
                .containsExactly("signing", "signatures");

        WorkflowRun tampered = j.buildAndAssertStatus(Result.FAILURE, job(j, "tampered", """
                node {
                  writeFile file: 'dist/app.tar.gz', text: 'the release'
                  signArtifacts files: 'dist/*', keyCredentialsId: 'release-key', passphraseCredentialsId: 'release-key-pass'
                  writeFile file: 'dist/app.tar.gz', text: 'the release, changed after signing'
                  verifySignature files: 'dist/*', keyCredentialsId: 'release-pub'
                  echo 'PUBLISHED: must never be reached'
                }"""));
        j.assertLogContains("signature-digest-mismatch", tampered);
        j.assertLogContains("verifySignature: FAIL - 1 file: 1 DIGEST_MISMATCH", tampered);
        j.assertLogNotContains("PUBLISHED", tampered);
        assertThat(tampered.getAction(IntegrityReportAction.class).getResults()).last()
                .satisfies(r -> assertThat(r.status()).isEqualTo(Status.FAIL));
    }

    @Test
    void filesSignedKeylessWithATokenCredentialVerifyForTheirIdentityOnly(JenkinsRule j) throws Exception {
        try (var sigstore = io.jenkins.plugins.integrity.signing.SigstoreMock.start(keys)) {
            String identity = "https://jenkins.example.com/job/release/";
            String issuer = "https://jenkins.example.com/oidc";
            String token = io.jenkins.plugins.integrity.signing.SigstoreMock.token(identity, issuer);
            var store = SystemCredentialsProvider.getInstance().getCredentials();
            store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "id-token", "OIDC token", Secret.fromString(token)));
            store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "sigstore-root", "trusted root", "trusted_root.json",
                    SecretBytes.fromBytes(Files.readAllBytes(sigstore.trustedRoot()))));
            SystemCredentialsProvider.getInstance().save();
            WorkflowRun b = j.buildAndAssertSuccess(job(j, "keyless", """
                    node {
                      writeFile file: 'dist/app.jar', text: 'the release'
                      def s = signArtifacts files: 'dist/*', identityTokenCredentialsId: 'id-token', fulcioUrl: '%s', rekorUrl: '%s'
                      echo "signed ${s.bundles}: ${s.summary}"
                      def v = verifySignature files: 'dist/*', certificateIdentity: '%s', certificateOidcIssuer: '%s',
                          trustedRootCredentialsId: 'sigstore-root'
                      echo "keyless verify ${v.status}: ${v.summary}"
                    }""".formatted(sigstore.url(), sigstore.url(), identity, issuer)));
            j.assertLogContains("signed [dist/app.jar.sigstore.json]: 1 file signed keyless as " + identity, b);
            j.assertLogContains("keyless verify PASS: 1 file: 1 VERIFIED", b);
            j.assertLogNotContains(token, b);
            WorkflowRun other = j.buildAndAssertStatus(Result.FAILURE, job(j, "keyless-other", """
                    node {
                      writeFile file: 'dist/app.jar', text: 'the release'
                      signArtifacts files: 'dist/*', identityTokenCredentialsId: 'id-token', fulcioUrl: '%s', rekorUrl: '%s'
                      verifySignature files: 'dist/*', certificateIdentityRegexp: 'https://jenkins\\\\.example\\\\.com/job/deploy/.*',
                          certificateOidcIssuer: '%s', trustedRootCredentialsId: 'sigstore-root'
                    }""".formatted(sigstore.url(), sigstore.url(), issuer)));
            j.assertLogContains("IDENTITY_MISMATCH", other);
            WorkflowRun incomplete = j.buildAndAssertStatus(Result.FAILURE, job(j, "keyless-incomplete", """
                    node { verifySignature files: 'dist/*', certificateIdentity: '%s' }""".formatted(identity)));
            j.assertLogContains("keyless verification needs", incomplete);
            WorkflowRun both = j.buildAndAssertStatus(Result.FAILURE, job(j, "keyless-both", """
                    node { signArtifacts files: 'dist/*' }"""));
            j.assertLogContains("give keyCredentialsId, or identityTokenCredentialsId", both);
            try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(keys.resolve("registry-keyless"),
                    null, null)) {
                Path rootfs = keys.resolve("rootfs-keyless");
                Files.createDirectories(rootfs.resolve("etc"));
                Files.writeString(rootfs.resolve("etc/hostname"), "keyless\n");
                io.jenkins.plugins.integrity.oci.TestImage.create(keys, "keyless").layer(rootfs)
                        .push(registry.address() + "/team/app:2.0");
                String image = registry.address() + "/team/app:2.0";
                WorkflowRun img = j.buildAndAssertSuccess(job(j, "keyless-image", """
                        node {
                          def s = signImage image: '%s', identityTokenCredentialsId: 'id-token', fulcioUrl: '%s', rekorUrl: '%s'
                          echo "image: ${s.summary}"
                          def v = verifySignature image: '%s', certificateIdentity: '%s', certificateOidcIssuer: '%s',
                              trustedRootCredentialsId: 'sigstore-root'
                          echo "image verify ${v.status}: ${v.summary}"
                        }""".formatted(image, sigstore.url(), sigstore.url(), image, identity, issuer)));
                j.assertLogContains("signed keyless, logged in " + sigstore.url(), img);
                j.assertLogContains("image verify PASS", img);
                j.assertLogNotContains(token, img);
            }
        }
    }

    @Test
    void anImageIsSignedInItsRegistryAndVerified(JenkinsRule j) throws Exception {
        credentials();
        try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(keys.resolve("registry"), null, null)) {
            Path rootfs = keys.resolve("rootfs");
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/hostname"), "app\n");
            io.jenkins.plugins.integrity.oci.TestImage.create(keys, "1").layer(rootfs)
                    .push(registry.address() + "/team/app:1.0");
            String image = registry.address() + "/team/app:1.0";
            WorkflowRun b = j.buildAndAssertSuccess(job(j, "image", """
                    node {
                      generateSbom image: '%s', archive: false
                      def s = signImage image: '%s', keyCredentialsId: 'release-key', passphraseCredentialsId: 'release-key-pass',
                          attestSbom: 'pipeline-integrity/bom.cdx.json'
                      echo "signed ${s.digest}"
                      def v = verifySignature image: '%s', keyCredentialsId: 'release-pub', requireAttestations: 'cyclonedx'
                      echo "image verify ${v.status}"
                    }""".formatted(image, image, image)));
            j.assertLogContains("signed sha256:", b);
            j.assertLogContains("1 attestation(s)", b);
            j.assertLogContains("image verify PASS", b);
            WorkflowRun noProvenance = j.buildAndAssertStatus(Result.FAILURE, job(j, "image-provenance", """
                    node { verifySignature image: '%s', keyCredentialsId: 'release-pub', requireAttestations: 'sbom, slsa' }"""
                    .formatted(image)));
            j.assertLogContains("attestation-missing", noProvenance);
            WorkflowRun wrong = j.buildAndAssertStatus(Result.FAILURE, job(j, "image-wrong", """
                    node { verifySignature image: '%s', keyCredentialsId: 'other-pub' }""".formatted(image)));
            j.assertLogContains("BAD_SIGNATURE", wrong);
        }
    }

    @Test
    void aWrongKeyAnUnsignedFileAndAMissingPassphraseAreNamed(JenkinsRule j) throws Exception {
        credentials();
        WorkflowRun wrong = j.buildAndAssertStatus(Result.FAILURE, job(j, "wrong", """
                node {
                  writeFile file: 'a.txt', text: 'a'
                  signArtifacts files: 'a.txt', keyCredentialsId: 'release-key', passphraseCredentialsId: 'release-key-pass'
                  writeFile file: 'b.txt', text: 'unsigned'
                  verifySignature files: '*.txt', keyCredentialsId: 'other-pub'
                }"""));
        j.assertLogContains("BAD_SIGNATURE", wrong);
        j.assertLogContains("MISSING_BUNDLE", wrong);
        WorkflowRun noPass = j.buildAndAssertStatus(Result.FAILURE, job(j, "nopass", """
                node {
                  writeFile file: 'a.txt', text: 'a'
                  signArtifacts files: 'a.txt', keyCredentialsId: 'release-key'
                }"""));
        j.assertLogContains("the key is encrypted and no passphrase was given", noPass);
        WorkflowRun missing = j.buildAndAssertStatus(Result.FAILURE, job(j, "missing", """
                node { signArtifacts files: 'none/*', keyCredentialsId: 'nope' }"""));
        j.assertLogContains("no credential with id 'nope'", missing);
        WorkflowRun nothing = j.buildAndAssertStatus(Result.FAILURE, job(j, "nothing", """
                node { signArtifacts files: 'none/*', keyCredentialsId: 'release-key', passphraseCredentialsId: 'release-key-pass' }"""));
        j.assertLogContains("no file matches 'none/*'", nothing);
    }
}
