package io.jenkins.plugins.integrity.commits;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * X.509 commit signatures made by the real gpgsm (as git runs it with gpg.format=x509), with certificates
 * issued by openssl: a trusted CA, a stranger's CA, an expired certificate; our verdicts, and git
 * verify-commit's where it can judge.
 */
class X509SignaturesTest {
    @TempDir static Path dir;
    static Path repo;
    static Path gnupg;
    static final Map<String, String> CASES = new LinkedHashMap<>();
    static final Map<String, CommitStatus> EXPECTED = new LinkedHashMap<>();
    static X509Roots roots;

    static String run(Path in, Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))); // gpgsm reads a tty or stdin
        pb.environment().put("GNUPGHOME", gnupg.toString());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }

    static String run(String... cmd) throws Exception {
        return run(dir, Map.of(), cmd);
    }

    /** A CA made by openssl, imported into gpgsm and (so that gpgsm signs with its certificates) trusted there. */
    static String ca(String name) throws Exception {
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".pem", "-days", "3650", "-subj", "/CN=" + name + "/O=Example",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        String fpr = run("openssl", "x509", "-in", name + ".pem", "-noout", "-fingerprint", "-sha1")
                .split("=")[1].strip().replace(":", "");
        run("gpgsm", "--batch", "--import", name + ".pem");
        Files.writeString(gnupg.resolve("trustlist.txt"), fpr + " S relax\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return fpr;
    }

    /** A signing key made by gpgsm, certified by the CA for this e-mail address. */
    static void person(String name, String email, String ca, int days) throws Exception {
        Files.writeString(dir.resolve(name + ".params"), "Key-Type: RSA\nKey-Length: 2048\nKey-Usage: sign\nName-DN: CN="
                + name + "\nName-Email: " + email + "\n");
        // an unprotected key: the (empty) passphrase is read from stdin, which is /dev/null
        String csr = run("gpgsm", "--batch", "--pinentry-mode", "loopback", "--passphrase-fd", "0", "--armor",
                "--gen-key", name + ".params");
        Files.writeString(dir.resolve(name + ".csr"), csr.substring(csr.indexOf("-----BEGIN")));
        Files.writeString(dir.resolve(name + ".ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=emailProtection\nsubjectAltName=email:" + email + "\n");
        run("openssl", "x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-out", name + ".pem", "-days", String.valueOf(days), "-extfile", name + ".ext");
        run("gpgsm", "--batch", "--import", name + ".pem");
    }

    static String commit(String file, String signer, String committer, String fakedTime) throws Exception {
        Path wrapper = dir.resolve("gpgsm-" + file + ".sh");
        // gpgsm has no --passphrase option (it would abbreviate --passphrase-fd and eat the data from stdin)
        Files.writeString(wrapper, "#!/bin/sh\nexec gpgsm --batch --pinentry-mode loopback "
                + (fakedTime == null ? "" : "--faked-system-time " + fakedTime + " ") + "\"$@\"\n");
        wrapper.toFile().setExecutable(true);
        Files.writeString(repo.resolve(file), file);
        run(repo, Map.of(), "git", "add", file);
        Map<String, String> env = Map.of("GIT_COMMITTER_EMAIL", committer, "GIT_AUTHOR_EMAIL", committer);
        String[] cmd = {"git", "-c", "gpg.format=x509", "-c", "gpg.x509.program=" + wrapper, "-c",
            "user.signingkey=" + signer, "commit", "-q", "-S", "-m", "change " + file};
        try {
            run(repo, env, cmd);
        } catch (AssertionError firstTry) {
            run(repo, env, cmd); // gpgsm's agent can miss a key imported a moment before
        }
        return run(repo, Map.of(), "git", "rev-parse", "HEAD").strip();
    }

    @BeforeAll
    static void signedRepository() throws Exception {
        gnupg = Files.createDirectories(dir.resolve("gnupg"), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        Files.writeString(gnupg.resolve("gpgsm.conf"), "disable-crl-checks\ndisable-policy-checks\n");
        repo = Files.createDirectories(dir.resolve("repo"));
        run(repo, Map.of(), "git", "init", "-q", "-b", "main");
        run(repo, Map.of(), "git", "config", "user.name", "Alice");
        String trusted = ca("TrustedRoot");
        ca("StrangerRoot");
        person("Alice", "alice@example.com", "TrustedRoot", 365);
        person("Mallory", "mallory@example.com", "StrangerRoot", 365);
        add("good", CommitStatus.VERIFIED, commit("a.txt", "alice@example.com", "alice@example.com", null));
        add("other committer", CommitStatus.VERIFIED, commit("b.txt", "alice@example.com", "bob@example.com", null));
        add("stranger's CA", CommitStatus.UNTRUSTED_KEY, commit("c.txt", "mallory@example.com", "mallory@example.com", null));
        add("expired certificate", CommitStatus.EXPIRED_KEY, expiredCertificateCommit());
        String now = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now().minusSeconds(3600));
        String soon = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now().plusSeconds(3600));
        add("sigstore-style certificate", CommitStatus.VERIFIED, opensslSignedCommit("fulcio", "/O=sigstore.dev", "ec",
                now, soon, "extendedKeyUsage=codeSigning\nsubjectAltName=email:alice@example.com\n"
                        + "1.3.6.1.4.1.57264.1.8=ASN1:UTF8String:https://accounts.example.com\n",
                "signed with a short-lived certificate"));
        String raw = run(repo, Map.of(), "git", "cat-file", "commit", CASES.keySet().iterator().next());
        String head = run(repo, Map.of(), "git", "rev-parse", "HEAD").strip();
        String tampered = raw.replaceFirst("(?m)^parent [0-9a-f]+$", "parent " + head)
                .replace("change a.txt", "change a.txt and more");
        if (!tampered.contains("\nparent ")) {
            tampered = tampered.replaceFirst("(?m)^(tree [0-9a-f]+)$", "$1\nparent " + head);
        }
        Path t = dir.resolve("tampered");
        Files.writeString(t, tampered);
        String id = run(repo, Map.of(), "git", "hash-object", "-t", "commit", "-w", t.toString()).strip();
        run(repo, Map.of(), "git", "update-ref", "HEAD", id);
        add("tampered", CommitStatus.BAD_SIGNATURE, id);
        roots = X509Roots.read(Files.readAllBytes(dir.resolve("TrustedRoot.pem")), "roots.pem");
        // from now on gpgsm (and so git verify-commit) trusts what our policy trusts: the trusted root alone
        Files.writeString(gnupg.resolve("trustlist.txt"), trusted + " S relax\n");
    }

    /**
     * gpgsm refuses to sign with an expired certificate, so this one is signed by openssl cms (which does not
     * check): Gina's certificate, issued by the trusted CA with openssl ca, was valid in January 2020 only.
     */
    static String expiredCertificateCommit() throws Exception {
        return opensslSignedCommit("gina", "/CN=Gina", "rsa:2048", "20200101000000Z", "20200201000000Z",
                "extendedKeyUsage=emailProtection\nsubjectAltName=email:gina@example.com\n",
                "signed with an expired certificate");
    }

    /**
     * A commit signed by openssl cms with a certificate the trusted CA issues (openssl ca) for the given
     * validity and extensions: for what gpgsm will not sign (an expired certificate, a Sigstore-style one).
     */
    static String opensslSignedCommit(String name, String subject, String key, String start, String end,
            String extensions, String message) throws Exception {
        Path ca = Files.createDirectories(dir.resolve("ca-" + name));
        Files.writeString(ca.resolve("index.txt"), "");
        Files.writeString(ca.resolve("serial"), "1000\n");
        Files.writeString(dir.resolve(name + "-ca.cnf"), String.join("\n", "[ca]", "default_ca = CA_default",
                "[CA_default]", "database = " + ca.resolve("index.txt"), "new_certs_dir = " + ca,
                "serial = " + ca.resolve("serial"), "default_md = sha256", "policy = any", "[any]",
                "organizationName = optional", "commonName = optional", ""));
        Files.writeString(dir.resolve(name + ".ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + extensions);
        if (key.startsWith("ec")) {
            run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                    name + ".key", "-out", name + ".csr", "-subj", subject);
        } else {
            run("openssl", "req", "-newkey", key, "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        }
        run("openssl", "ca", "-batch", "-config", name + "-ca.cnf", "-cert", "TrustedRoot.pem", "-keyfile",
                "TrustedRoot.key", "-in", name + ".csr", "-out", name + ".pem", "-startdate", start, "-enddate", end,
                "-extfile", name + ".ext");
        String head = run(repo, Map.of(), "git", "rev-parse", "HEAD").strip();
        String tree = run(repo, Map.of(), "git", "rev-parse", "HEAD^{tree}").strip();
        String payload = "tree " + tree + "\nparent " + head + "\nauthor Alice <alice@example.com> 1796150000 +0000\n"
                + "committer Alice <alice@example.com> 1796150000 +0000\n\n" + message + "\n";
        Files.writeString(dir.resolve(name + ".payload"), payload);
        run("openssl", "cms", "-sign", "-binary", "-md", "sha256", "-in", name + ".payload", "-signer", name + ".pem",
                "-inkey", name + ".key", "-outform", "PEM", "-out", name + ".cms");
        String pem = Files.readString(dir.resolve(name + ".cms"));
        String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END")).strip();
        String armored = "-----BEGIN SIGNED MESSAGE-----\n " + body.replace("\n", "\n ") + "\n -----END SIGNED MESSAGE-----";
        String raw = payload.replace("\n\n" + message, "\ngpgsig " + armored + "\n\n" + message);
        Files.writeString(dir.resolve(name + ".raw"), raw);
        String id = run(repo, Map.of(), "git", "hash-object", "-t", "commit", "-w", dir.resolve(name + ".raw").toString())
                .strip();
        run(repo, Map.of(), "git", "update-ref", "HEAD", id);
        return id;
    }

    @AfterAll
    static void stopAgent() throws Exception {
        new ProcessBuilder("gpgconf", "--kill", "all").redirectErrorStream(true)
                .start().waitFor(30, TimeUnit.SECONDS);
    }

    static void add(String name, CommitStatus expected, String id) {
        CASES.put(id, name);
        EXPECTED.put(id, expected);
    }

    static String idOf(String name) {
        return CASES.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow().getKey();
    }

    static Map<String, CheckResult> results = new LinkedHashMap<>();

    static Map<String, CommitStatus> verdicts(boolean requireIdentity) {
        TrustPolicy p = TrustPolicy.of(OpenPgpKeys.none(), AllowedSigners.none(), requireIdentity)
                .withKeys(OpenPgpKeys.none(), AllowedSigners.none(), roots);
        CheckResult r = new CommitSignatureVerifier(p, Instant.now()).verify(repo, CommitRange.head(), Gate.failOn(Severity.LOW));
        results.put(String.valueOf(requireIdentity), r);
        return r.findings().stream().collect(Collectors.toMap(f -> f.location().commit(),
                f -> CommitStatus.valueOf(f.message().substring(0, f.message().indexOf(':'))), (a, b) -> a,
                LinkedHashMap::new));
    }

    @Test
    void everyCaseGetsItsStatusAndGitAgreesWhereItCanJudge() throws Exception {
        Map<String, CommitStatus> got = verdicts(false);
        for (String id : CASES.keySet()) {
            assertThat(got.get(id)).as(CASES.get(id)).isEqualTo(EXPECTED.get(id));
        }
        for (String id : List.of(idOf("good"), idOf("tampered"))) {
            assertThat(gitVerifies(id)).as("git verify-commit on " + CASES.get(id))
                    .isEqualTo(got.get(id) == CommitStatus.VERIFIED);
        }
        // the one known difference: gpgsm only warns that the stranger's root is not trusted, and git accepts
        // the signature; we require a chain to a configured root
        assertThat(gitVerifies(idOf("stranger's CA"))).isTrue();
        assertThat(got.get(idOf("stranger's CA"))).isEqualTo(CommitStatus.UNTRUSTED_KEY);
        assertThat(results.get("false").findings()).filteredOn(f -> f.location().commit().equals(idOf("good")))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("CN=Alice")
                        .contains("identity alice@example.com"));
    }

    private static boolean gitVerifies(String id) throws Exception {
        try {
            run(repo, Map.of(), "git", "-c", "gpg.x509.program=gpgsm", "verify-commit", id);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    @Test
    void theCertificateMustNameTheCommitterWhenThePolicySaysSo() {
        Map<String, CommitStatus> got = verdicts(true);
        assertThat(got.get(idOf("other committer"))).isEqualTo(CommitStatus.IDENTITY_MISMATCH);
        assertThat(got.get(idOf("good"))).isEqualTo(CommitStatus.VERIFIED);
    }

    @Test
    void aSigstoreCertificateNamesItsIssuerAndThePolicyCanHoldItToOne() {
        String id = idOf("sigstore-style certificate");
        TrustPolicy base = TrustPolicy.of(OpenPgpKeys.none(), AllowedSigners.none(), true)
                .withKeys(OpenPgpKeys.none(), AllowedSigners.none(), roots);
        for (String[] c : new String[][] {{"https://accounts.example.com", "commit-verified"},
                {"https://token.actions.githubusercontent.com", "commit-untrusted-key"}}) {
            TrustPolicy p = new TrustPolicy(base.openPgpKeys(), base.allowedSigners(), base.revokedSshKeys(),
                    base.identity(), true, false, Map.of(), List.of(), List.of(), roots, List.of(c[0]));
            CheckResult r = new CommitSignatureVerifier(p, Instant.now()).verify(repo, CommitRange.head(),
                    Gate.failOn(Severity.LOW));
            assertThat(r.findings()).filteredOn(f -> f.location().commit().equals(id)).singleElement()
                    .satisfies(f -> {
                        assertThat(f.rule()).as(c[0]).isEqualTo(c[1]);
                        assertThat(f.message()).contains("OIDC issuer https://accounts.example.com");
                    });
        }
    }

    @Test
    void withoutRootsNoX509SignatureIsTrusted() {
        TrustPolicy p = TrustPolicy.of(OpenPgpKeys.none(), AllowedSigners.none(), false);
        CheckResult r = new CommitSignatureVerifier(p, Instant.now()).verify(repo, CommitRange.head(), Gate.failOn(Severity.LOW));
        assertThat(r.findings()).filteredOn(f -> f.location().commit().equals(idOf("good")))
                .singleElement().satisfies(f -> assertThat(f.rule()).isEqualTo("commit-untrusted-key"));
    }
}
