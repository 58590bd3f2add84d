package io.jenkins.plugins.integrity.commits;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One repository with a commit for each case, signed by the real git, gpg and ssh-keygen; our verdict on each,
 * and git verify-commit's on the same commit, which must agree wherever git can judge.
 */
class RealSignaturesTest {
    @TempDir
    static Path tmp;
    static SignedRepo repo;
    /** commit id -> the case it stands for, in commit order */
    static final Map<String, String> CASES = new LinkedHashMap<>();
    static final Map<String, CommitStatus> EXPECTED = new LinkedHashMap<>();
    static TrustPolicy policy;
    static Path allowedSigners;

    @BeforeAll
    static void makeTheRepository() throws Exception {
        repo = new SignedRepo(tmp);
        String alice = repo.gpgKey("Alice <alice@example.com>", "ed25519", "never");
        String bob = repo.gpgKey("Bob <bob@example.com>", "rsa3072", "never");
        String carol = repo.gpgKey("Carol <carol@example.com>", "nistp256", "never");
        String dave = repo.gpgKey("Dave <dave@example.com>", "ed25519", "never");
        String daveSub = repo.gpgSigningSubkey(dave, "ed25519");
        String eve = repo.gpgKey("Eve <eve@example.com>", "ed25519", "never");
        String frank = repo.gpgKey("Frank <frank@example.com>", "ed25519", "never");

        add("unsigned", CommitStatus.UNSIGNED, repo.commit("a.txt", "1", null, null, null));
        add("gpg ed25519", CommitStatus.VERIFIED, repo.commit("a.txt", "2", "gpg:" + alice, null, null));
        repo.gpgTime("20200101T000000"); // a key made in 2020, valid for a day, used that day
        String gina = repo.gpgKey("Gina <gina@example.com>", "ed25519", "1d");
        add("expired key, signed while valid", CommitStatus.EXPIRED_KEY,
                repo.commit("g.txt", "1", "gpg:" + gina, "gina@example.com", "2020-01-01T06:00:00Z"));
        repo.gpgTime(null);
        add("gpg rsa3072", CommitStatus.VERIFIED, repo.commit("b.txt", "1", "gpg:" + bob, "bob@example.com", null));
        add("gpg nistp256", CommitStatus.VERIFIED, repo.commit("c.txt", "1", "gpg:" + carol, "carol@example.com", null));
        add("gpg signing subkey", CommitStatus.VERIFIED,
                repo.commit("d.txt", "1", "gpg:" + daveSub + "!", "dave@example.com", null));
        add("trusted key, other committer", CommitStatus.VERIFIED,
                repo.commit("m.txt", "1", "gpg:" + alice, "mallory@example.com", null));
        add("untrusted gpg key", CommitStatus.UNTRUSTED_KEY,
                repo.commit("e.txt", "1", "gpg:" + eve, "eve@example.com", null));
        add("revoked key", CommitStatus.REVOKED_KEY,
                repo.commit("f.txt", "1", "gpg:" + frank, "frank@example.com", null));

        Path sshEd = repo.sshKey("ssh_ed25519", "ed25519");
        Path sshEc = repo.sshKey("ssh_ecdsa", "ecdsa");
        Path sshRsa = repo.sshKey("ssh_rsa", "rsa");
        Path sshStranger = repo.sshKey("ssh_stranger", "ed25519");
        Path sshOld = repo.sshKey("ssh_old", "ed25519");
        Path sshFiles = repo.sshKey("ssh_files", "ed25519");
        Path sshCa = repo.sshKey("ssh_ca", "ed25519");
        Path certified = repo.sshKey("ssh_certified", "ed25519");
        Path cert = repo.sshCertificate(sshCa, certified, "ci@ops.example.com", "-1d:+52w");
        Path lapsed = repo.sshKey("ssh_lapsed", "ed25519");
        Path lapsedCert = repo.sshCertificate(sshCa, lapsed, "ci@ops.example.com", "20200101:20200201");
        allowedSigners = tmp.resolve("allowed_signers");
        Files.writeString(allowedSigners, String.join("\n",
                "# trusted SSH signers",
                "alice@example.com " + repo.publicKey(sshEd),
                "bob@example.com namespaces=\"git\" " + repo.publicKey(sshEc),
                "\"carol@example.com,*@ops.example.com\" " + repo.publicKey(sshRsa),
                "old@example.com valid-before=\"20200101\" " + repo.publicKey(sshOld),
                "files@example.com namespaces=\"file\" " + repo.publicKey(sshFiles),
                "*@ops.example.com cert-authority,namespaces=\"git\" " + repo.publicKey(sshCa), ""));
        add("ssh ed25519", CommitStatus.VERIFIED, repo.commit("s1.txt", "1", "ssh:" + sshEd, null, null));
        add("ssh ecdsa", CommitStatus.VERIFIED, repo.commit("s2.txt", "1", "ssh:" + sshEc, "bob@example.com", null));
        add("ssh rsa", CommitStatus.VERIFIED, repo.commit("s3.txt", "1", "ssh:" + sshRsa, "ci@ops.example.com", null));
        add("ssh key not in allowed_signers", CommitStatus.UNTRUSTED_KEY,
                repo.commit("s4.txt", "1", "ssh:" + sshStranger, null, null));
        add("ssh key used after valid-before", CommitStatus.EXPIRED_KEY,
                repo.commit("s5.txt", "1", "ssh:" + sshOld, "old@example.com", null));
        add("ssh key allowed for another namespace", CommitStatus.UNTRUSTED_KEY,
                repo.commit("s6.txt", "1", "ssh:" + sshFiles, "files@example.com", null));
        add("ssh certificate from a cert-authority", CommitStatus.VERIFIED,
                repo.commit("s7.txt", "1", "ssh:" + cert, "ci@ops.example.com", null));
        add("ssh certificate used after its validity", CommitStatus.EXPIRED_KEY,
                repo.commit("s8.txt", "1", "ssh:" + lapsedCert, "ci@ops.example.com", null));

        // hostile commits, written as raw objects on top of HEAD
        String good = firstOf("gpg ed25519");
        String goodRaw = repo.raw(good);
        String head = repo.git("rev-parse", "HEAD").strip();
        String tampered = withParent(goodRaw, head).replace("change a.txt", "change a.txt, and something else");
        add("tampered commit keeping its signature", CommitStatus.BAD_SIGNATURE, repo.writeRaw(tampered));
        String other = repo.commit("o.txt", "1", null, null, null);
        add("unsigned", CommitStatus.UNSIGNED, other);
        String graft = insertSignature(repo.raw(other), signatureBlock(goodRaw));
        add("another commit's signature", CommitStatus.BAD_SIGNATURE, repo.writeRaw(withParent(graft, other)));
        String sig = signatureBlock(goodRaw);
        String truncated = sig.substring(0, sig.length() / 2) + "\n -----END PGP SIGNATURE-----";
        add("truncated signature", CommitStatus.BAD_SIGNATURE,
                repo.writeRaw(withParent(insertSignature(repo.raw(other), truncated), repo.git("rev-parse", "HEAD").strip())));
        String garbage = "-----BEGIN PGP SIGNATURE-----\n \n bm90IGEgc2lnbmF0dXJl\n -----END PGP SIGNATURE-----";
        add("garbage signature", CommitStatus.BAD_SIGNATURE,
                repo.writeRaw(withParent(insertSignature(repo.raw(other), garbage), repo.git("rev-parse", "HEAD").strip())));
        String cms = "-----BEGIN SIGNED MESSAGE-----\n MIAGCSqGSIb3DQEHAqCAMIACAQExDTALBglghkgBZQMEAgEwgAYJKoZIhvcNAQcBAAA=\n"
                + " -----END SIGNED MESSAGE-----";
        add("truncated x509 signature", CommitStatus.BAD_SIGNATURE,
                repo.writeRaw(withParent(insertSignature(repo.raw(other), cms), repo.git("rev-parse", "HEAD").strip())));

        repo.revoke(frank);
        repo.gpg("--yes", "--delete-secret-and-public-key", eve);
        OpenPgpKeys keys = OpenPgpKeys.read(repo.exportPublic(alice, bob, carol, dave, frank, gina), "trusted.asc");
        policy = TrustPolicy.of(keys, AllowedSigners.read(Files.readAllBytes(allowedSigners), "allowed_signers"), false);
    }

    @AfterAll
    static void stopGpg() throws Exception {
        repo.close();
    }

    private static void add(String name, CommitStatus expected, String id) {
        CASES.put(id, name);
        EXPECTED.put(id, expected);
    }

    private static String firstOf(String name) {
        return CASES.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow().getKey();
    }

    private static String signatureBlock(String raw) {
        int at = raw.indexOf("gpgsig ");
        int end = raw.indexOf("-----END PGP SIGNATURE-----", at) + "-----END PGP SIGNATURE-----".length();
        return raw.substring(at + 7, end);
    }

    private static String insertSignature(String raw, String armored) {
        int message = raw.indexOf("\n\n");
        return raw.substring(0, message) + "\ngpgsig " + armored + raw.substring(message);
    }

    private static String withParent(String raw, String parent) {
        String[] lines = raw.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean parentWritten = false;
        for (String line : lines) {
            if (line.startsWith("parent ")) {
                if (!parentWritten) {
                    out.append("parent ").append(parent).append('\n');
                    parentWritten = true;
                }
                continue;
            }
            out.append(line).append('\n');
            if (line.startsWith("tree ") && !raw.contains("\nparent ")) {
                out.append("parent ").append(parent).append('\n');
                parentWritten = true;
            }
        }
        return out.substring(0, out.length() - 1);
    }

    private static Map<String, CommitStatus> verdicts(TrustPolicy p) {
        CheckResult r = new CommitSignatureVerifier(p, Instant.now()).verify(repo.repo, CommitRange.head(), Gate.failOn(Severity.LOW));
        return r.findings().stream().collect(Collectors.toMap(f -> f.location().commit(),
                f -> CommitStatus.valueOf(f.message().substring(0, f.message().indexOf(':'))), (a, b) -> a,
                LinkedHashMap::new));
    }

    @Test
    void everyCaseGetsItsStatus() {
        Map<String, CommitStatus> got = verdicts(policy);
        for (String id : CASES.keySet()) {
            assertThat(got.get(id)).as(CASES.get(id)).isEqualTo(EXPECTED.get(id));
        }
        assertThat(got).hasSize(CASES.size());
    }

    @Test
    void gitVerifyCommitAgreesOnGoodAndBadWhereverItCanJudge() throws Exception {
        Map<String, CommitStatus> got = verdicts(policy);
        for (String id : CASES.keySet()) {
            if (EXPECTED.get(id) == CommitStatus.UNSIGNED || EXPECTED.get(id) == CommitStatus.UNSUPPORTED) {
                continue; // git has no verdict to compare: no signature, or one it cannot check either
            }
            boolean ours = got.get(id) == CommitStatus.VERIFIED;
            assertThat(repo.gitVerifies(id, allowedSigners)).as("git verify-commit on: " + CASES.get(id)).isEqualTo(ours);
        }
    }

    @Test
    void requiringTheIdentityCatchesATrustedKeyOnAnotherCommittersCommit() {
        Map<String, CommitStatus> got = verdicts(policy.withRequireIdentityMatch(true));
        assertThat(got.get(firstOf("trusted key, other committer"))).isEqualTo(CommitStatus.IDENTITY_MISMATCH);
        assertThat(got.get(firstOf("gpg ed25519"))).isEqualTo(CommitStatus.VERIFIED);
        assertThat(got.get(firstOf("gpg signing subkey"))).isEqualTo(CommitStatus.VERIFIED);
        assertThat(got.get(firstOf("ssh ed25519"))).isEqualTo(CommitStatus.VERIFIED);
        assertThat(got.get(firstOf("ssh rsa"))).as("a principal pattern").isEqualTo(CommitStatus.VERIFIED);
        assertThat(got.get(firstOf("ssh certificate from a cert-authority"))).isEqualTo(CommitStatus.VERIFIED);
    }

    @Test
    void aLenientPolicyAcceptsSignaturesMadeBeforeTheKeyExpired() {
        TrustPolicy lenient = new TrustPolicy(policy.openPgpKeys(), policy.allowedSigners(), policy.revokedSshKeys(),
                TrustPolicy.Identity.COMMITTER, false, true, Map.of(), List.of(), List.of(), X509Roots.none(), List.of());
        assertThat(verdicts(lenient).get(firstOf("expired key, signed while valid"))).isEqualTo(CommitStatus.VERIFIED);
    }

    @Test
    void theResultNamesSignersAndFailsOnAnythingUnverified() {
        CheckResult r = new CommitSignatureVerifier(policy, Instant.now()).verify(repo.repo, CommitRange.head(),
                Gate.failOn(Severity.LOW));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.metrics().get("commits")).isEqualTo((long) CASES.size());
        assertThat(r.findings()).filteredOn(f -> f.location().commit().equals(firstOf("gpg signing subkey")))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("subkey").contains("identity dave@example.com"));
        assertThat(r.findings()).filteredOn(f -> f.rule().equals("commit-verified"))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void aRangeOfOnlyGoodCommitsPasses() {
        String from = firstOf("gpg ed25519");
        String to = firstOf("gpg signing subkey");
        CheckResult r = new CommitSignatureVerifier(policy, Instant.now()).verify(repo.repo,
                CommitRange.parse(firstOf("expired key, signed while valid") + ".." + to), Gate.failOn(Severity.LOW));
        assertThat(r.summary()).startsWith("all 3 commits verified");
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(from).isNotBlank();
    }

    @Test
    void theSignedPayloadIsTheCommitWithoutItsSignatureHeader() throws Exception {
        String raw = repo.raw(firstOf("gpg ed25519"));
        CommitReader.Split split = CommitReader.split(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(split.signature()).startsWith("-----BEGIN PGP SIGNATURE-----\n").endsWith("-----END PGP SIGNATURE-----\n");
        assertThat(new String(split.payload(), StandardCharsets.UTF_8)).doesNotContain("gpgsig").contains("author ")
                .endsWith("change a.txt\n");
    }
}
