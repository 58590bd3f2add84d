package io.jenkins.plugins.integrity.commits;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Fuzz tests of the parsers of untrusted commit-signature input: a trust policy, key and signer files, a raw
 * commit and its signature. Each returns a value (a verdict, for signatures) or an InvalidInputException
 * naming the input. `mvn verify` runs the seeds in SignatureParsersFuzzTestInputs.
 */
class SignatureParsersFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void trustPolicy(byte[] input) {
        try {
            TrustPolicyReader.read(new String(input, StandardCharsets.UTF_8), "fuzz.yaml", OpenPgpKeys.none(),
                    AllowedSigners.none(), SshKeyList.none(), X509Roots.none());
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith("fuzz.yaml: ");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void keyAndSignerFiles(byte[] input) {
        for (Runnable r : List.<Runnable>of(() -> AllowedSigners.read(input, "fuzz"),
                () -> OpenPgpKeys.read(input, "fuzz"), () -> SshKeyList.read(input, "fuzz"),
                () -> X509Roots.read(input, "fuzz"))) {
            try {
                r.run();
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).startsWith("fuzz: ");
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void rawCommit(byte[] input) {
        CommitReader.Split split = CommitReader.split(input);
        assertThat(split.payload().length).isLessThanOrEqualTo(input.length);
        Person p = new Person("F", "f@example.com", Instant.EPOCH);
        GitCommit c = new GitCommit("0".repeat(40), List.of(), p, p, "fuzz", split.signature(), split.payload(),
                List.of());
        TrustPolicy none = TrustPolicy.of(OpenPgpKeys.none(), AllowedSigners.none(), true);
        Verdict v = new CommitSignatureVerifier(none, Instant.now()).verdict(c);
        assertThat(v.status()).isNotEqualTo(CommitStatus.VERIFIED);
    }
}
