package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private key files as the real tools write them, every size and format users keep: puttygen (PPK 2 and 3,
 * RSA up to 4096 bits, encrypted too), ssh-keygen (OpenSSH, PEM and PKCS#8), openssl (PKCS#8, encrypted
 * PKCS#8, SEC1 EC keys) and gpg (an armoured secret key block). Each is one finding, at its first line.
 */
class RealKeyFilesTest {
    @TempDir Path dir;

    @Test
    void everyKeyFileTheToolsWriteIsFound() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path empty = Files.writeString(dir.resolve("empty-passphrase"), "");
        Path phrase = Files.writeString(dir.resolve("passphrase"), "correct horse battery staple\n");
        puttygen(keys, "rsa-4096.ppk", empty, "-t", "rsa", "-b", "4096");
        puttygen(keys, "rsa-2048-v2.ppk", empty, "-t", "rsa", "-b", "2048", "--ppk-param", "version=2");
        puttygen(keys, "ed25519.ppk", empty, "-t", "ed25519");
        puttygen(keys, "ecdsa-521.ppk", empty, "-t", "ecdsa", "-b", "521");
        puttygen(keys, "rsa-3072-encrypted.ppk", phrase, "-t", "rsa", "-b", "3072");
        sshKeygen(keys, "id_rsa", "-t", "rsa", "-b", "4096");
        sshKeygen(keys, "id_ed25519", "-t", "ed25519");
        sshKeygen(keys, "id_rsa.pem", "-t", "rsa", "-b", "2048", "-m", "PEM");
        sshKeygen(keys, "id_ecdsa.p8", "-t", "ecdsa", "-m", "PKCS8");
        Tools.run(keys, "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096", "-out",
                "tls.key");
        Tools.run(keys, "openssl", "genpkey", "-algorithm", "RSA", "-aes-256-cbc", "-pass", "pass:hunter22hunter22",
                "-out", "tls-encrypted.key");
        Tools.run(keys, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Tools.run(keys, "gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback",
                "--passphrase", "", "--quick-gen-key", "Release Bot <release@example.org>", "rsa3072", "sign",
                "never");
        Files.writeString(keys.resolve("release.asc"), Tools.run(keys, "gpg", "--homedir", home.toString(),
                "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys",
                "release@example.org").replaceAll("(?s)^.*?(?=-----BEGIN)", ""));

        CheckResult r = new SecretScanner(RuleSet.builtIn()).scan(ScanRequest.of(List.of(keys), keys));

        Map<String, String> byFile = r.findings().stream().collect(Collectors.toMap(
                f -> f.location().file(), f -> f.rule() + "@" + f.location().line(), (a, b) -> a + "," + b,
                TreeMap::new));
        Map<String, String> expected = new TreeMap<>();
        for (String ppk : List.of("rsa-4096.ppk", "rsa-2048-v2.ppk", "ed25519.ppk", "ecdsa-521.ppk",
                "rsa-3072-encrypted.ppk")) {
            expected.put(ppk, "putty-private-key@1");
        }
        for (String pem : List.of("id_rsa", "id_ed25519", "id_rsa.pem", "id_ecdsa.p8", "tls.key",
                "tls-encrypted.key", "ec.key", "release.asc")) {
            expected.put(pem, "private-key@1");
        }
        assertThat(byFile).isEqualTo(expected);
        for (Finding f : r.findings()) {
            String key = Files.readString(keys.resolve(f.location().file()));
            String longest = key.lines().max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
            assertThat(longest).hasSizeGreaterThan(40);
            assertThat(f.toString()).doesNotContain(longest.substring(0, 40));
        }
    }

    /** A key body line that looks like a token is part of the key; the same token after the key is its own. */
    @Test
    void aTokenLookalikeInsideAKeyBlockIsPartOfTheKey() throws Exception {
        Tokens tokens = new Tokens(11);
        String lookalike = Tokens.join("EAAA", tokens.alnum(50));
        String key = Tokens.join("-----BEGIN ", "PRIVATE KEY-----\n") + tokens.of(Tokens.BASE64, 64) + "\n"
                + lookalike + "\n" + tokens.of(Tokens.BASE64, 40) + "\n" + Tokens.join("-----END ", "PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("bundle.pem"), key + "square.token=" + lookalike + "\n");

        CheckResult r = new SecretScanner(RuleSet.builtIn()).scan(ScanRequest.of(List.of(dir), dir));

        assertThat(r.findings()).extracting(f -> f.rule() + "@" + f.location().line())
                .containsExactly("private-key@1", "square-access-token@6");
    }

    private static void puttygen(Path keys, String name, Path passphrase, String... type) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("puttygen"));
        cmd.addAll(List.of(type));
        cmd.addAll(List.of("-o", name, "--new-passphrase", passphrase.toString(), "-q"));
        Tools.run(keys, cmd.toArray(String[]::new));
    }

    private static void sshKeygen(Path keys, String name, String... type) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-C", "deploy@ci"));
        cmd.addAll(List.of(type));
        cmd.addAll(List.of("-f", name));
        Tools.run(keys, cmd.toArray(String[]::new));
        Files.delete(keys.resolve(name + ".pub"));
    }
}
