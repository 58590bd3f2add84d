package io.jenkins.plugins.integrity.commits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Malformed signatures, keys and signer files: a verdict or a clear error, never an exception escaping. */
class HostileSignaturesTest {
    private static GitCommit commit(String signature) {
        Person p = new Person("Eve", "eve@example.com", Instant.parse("2026-01-01T00:00:00Z"));
        return new GitCommit("0".repeat(40), List.of(), p, p, "x", signature,
                "tree 0\n\nx\n".getBytes(StandardCharsets.UTF_8), List.of());
    }

    private static CommitStatus verdict(String signature) {
        TrustPolicy none = TrustPolicy.of(OpenPgpKeys.none(), AllowedSigners.none(), false);
        return new CommitSignatureVerifier(none, Instant.now()).verdict(commit(signature)).status();
    }

    private static String sshArmor(byte[] blob) {
        return "-----BEGIN SSH SIGNATURE-----\n" + Base64.getMimeEncoder().encodeToString(blob)
                + "\n-----END SSH SIGNATURE-----\n";
    }

    @Test
    void malformedSignaturesAreBadOrUnsupported() {
        assertThat(verdict("-----BEGIN PGP SIGNATURE-----\n\n=abcd\n-----END PGP SIGNATURE-----\n"))
                .isEqualTo(CommitStatus.BAD_SIGNATURE);
        assertThat(verdict("-----BEGIN PGP SIGNATURE-----\n\nwsBcBAABCAAQBQJ")).isEqualTo(CommitStatus.BAD_SIGNATURE);
        assertThat(verdict("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n"))
                .isEqualTo(CommitStatus.BAD_SIGNATURE);
        assertThat(verdict(sshArmor("SSHSIG\0\0\0\1\0\0\0\u00ff".getBytes(StandardCharsets.ISO_8859_1))))
                .isEqualTo(CommitStatus.BAD_SIGNATURE);
        assertThat(verdict(sshArmor("NOTSIG".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(CommitStatus.BAD_SIGNATURE);
        assertThat(verdict("-----BEGIN SSH SIGNATURE-----\nnot base64 !!!\n-----END SSH SIGNATURE-----\n"))
                .isEqualTo(CommitStatus.BAD_SIGNATURE);
        assertThat(verdict("something else entirely")).isEqualTo(CommitStatus.UNSUPPORTED);
    }

    @Test
    void anSshSignatureWithAnUnknownKeyTypeIsUnsupported() {
        byte[] keyType = SshWire.encode("ssh-dss".getBytes(StandardCharsets.US_ASCII));
        byte[] key = SshWire.encode(keyType);
        byte[] blob = concat("SSHSIG".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 0, 0, 1}, key);
        assertThat(verdict(sshArmor(blob))).isEqualTo(CommitStatus.UNSUPPORTED);
    }

    @Test
    void badSignerFilesAreRefusedWithTheLine() {
        for (String[] c : new String[][] {
            {"alice@example.com\n", "line 1"},
            {"a@b cert-authority,bogus=1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB\n", "line 1"},
            {"a@b valid-before=\"2024\" ssh-ed25519 AAAA\n", "YYYYMMDD"},
            {"a@b \"unterminated ssh-ed25519 AAAA\n", "unbalanced quotes"},
            {"# only comments\n\n", "holds no allowed signer"},
        }) {
            assertThatThrownBy(() -> AllowedSigners.read(c[0].getBytes(StandardCharsets.UTF_8), "signers"))
                    .as(c[0]).isInstanceOf(InvalidInputException.class).hasMessageContaining("signers")
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void badKeyringsAreRefused() {
        for (String[] c : new String[][] {
            {"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEZ\n", "no END line"},
            {"-----BEGIN PGP PRIVATE KEY BLOCK-----\n...\n-----END PGP PRIVATE KEY BLOCK-----\n", "secret key"},
            {"just text", "not an OpenPGP public keyring"},
            {"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n", "keyring"},
        }) {
            assertThatThrownBy(() -> OpenPgpKeys.read(c[0].getBytes(StandardCharsets.UTF_8), "keys.asc"))
                    .as(c[0]).isInstanceOf(InvalidInputException.class).hasMessageContaining("keys.asc")
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void principalPatternsMatchInLinearTime() {
        String pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
        String text = "a".repeat(5000);
        assertThat(Patterns.matches(pattern, text)).isFalse();
        assertThat(Patterns.matchesList(List.of("*@example.com", "!eve@example.com"), "eve@example.com")).isFalse();
        assertThat(Patterns.matchesList(List.of("*@example.com", "!eve@example.com"), "bob@example.com")).isTrue();
        assertThat(Patterns.matches("ci-?@ops.example.com", "ci-1@ops.example.com")).isTrue();
    }

    @Test
    void signatureHeadersAreCutOutOfThePayloadWhateverTheirForm() {
        String raw = "tree 1\nparent 2\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\ngpgsig -----BEGIN X-----\n"
                + " line\n -----END X-----\ngpgsig-sha256 -----BEGIN Y-----\n more\n -----END Y-----\n\nmsg\n gpgsig x\n";
        CommitReader.Split s = CommitReader.split(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(s.signature()).isEqualTo("-----BEGIN X-----\nline\n-----END X-----\n");
        assertThat(new String(s.payload(), StandardCharsets.UTF_8)).isEqualTo(
                "tree 1\nparent 2\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\n\nmsg\n gpgsig x\n");
        assertThat(CommitReader.split("tree 1\n\nno signature\n".getBytes(StandardCharsets.UTF_8)).signature()).isNull();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
