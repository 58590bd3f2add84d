package io.jenkins.plugins.integrity.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.oci.Tools;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardening report of the fixture and of an unsecured controller; baselines signed with an openssl key, and
 * the ways a baseline is refused: changed after signing, another key, no key for a signed one, a wrong pin.
 */
class BaselineAndHardeningTest {
    @TempDir
    static Path dir;
    static SigningKey key;
    static PublicKey pub;
    static PublicKey other;
    static ControllerSnapshot snapshot;

    @BeforeAll
    static void keys() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        Tools.run(dir, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "k.pub");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "o.pem");
        Tools.run(dir, "openssl", "pkey", "-in", "o.pem", "-pubout", "-out", "o.pub");
        key = SigningKey.fromPem(Files.readString(dir.resolve("k.pem")), null);
        pub = PublicKeys.fromPem(Files.readString(dir.resolve("k.pub")));
        other = PublicKeys.fromPem(Files.readString(dir.resolve("o.pub")));
        snapshot = new JenkinsHomeReader().read(JenkinsHome.FIXTURE);
    }

    @Test
    void theFixturesHardeningGapsAreReportedOnAFirstRun() {
        List<Hardening.Gap> gaps = Hardening.assess(snapshot);
        assertThat(gaps).extracting(Hardening.Gap::rule).containsExactlyInAnyOrder("hardening-authenticated-administer",
                "hardening-dangerous-approval", "hardening-job-unsandboxed", "hardening-init-script",
                "hardening-library-version-override");
        CheckResult r = DriftCheck.of(snapshot, null, Gate.failOn(Severity.HIGH));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.summary()).startsWith("no baseline: hardening only; 5 hardening gaps in ");
    }

    @Test
    void anUnsecuredControllerIsCritical() throws Exception {
        JenkinsHome h = JenkinsHome.copy(dir.resolve("unsecured")).replace("config.xml", "<useSecurity>true</useSecurity>",
                "<useSecurity>false</useSecurity>").replace("config.xml", "<jdks/>",
                "<markupFormatter class=\"hudson.markup.RawHtmlMarkupFormatter\"/>\n  <jdks/>");
        List<Hardening.Gap> gaps = Hardening.assess(h.snapshot());
        assertThat(gaps).filteredOn(g -> g.severity() == Severity.CRITICAL).extracting(Hardening.Gap::rule)
                .contains("hardening-security-disabled", "hardening-anonymous-administer");
        assertThat(gaps).extracting(Hardening.Gap::rule).contains("hardening-markup-raw-html");
    }

    @Test
    void aSignedBaselineVerifiesAndIsRefusedWhenChangedOrSignedByAnotherKey() throws Exception {
        byte[] signed = Baseline.sign(snapshot, key).getBytes(StandardCharsets.UTF_8);
        Baseline.Verified ok = Baseline.read(signed, List.of(other, pub), null);
        assertThat(ok.trust()).isEqualTo(Baseline.Trust.SIGNED);
        assertThat(ok.snapshot()).isEqualTo(snapshot);
        assertThatThrownBy(() -> Baseline.read(signed, List.of(other), null)).isInstanceOf(Baseline.RejectedException.class)
                .hasMessageContaining("does not verify");
        assertThatThrownBy(() -> Baseline.read(signed, List.of(), null)).hasMessageContaining("no key was given");
        // an administer grant removed from the approved state, the envelope's payload re-encoded
        var env = io.jenkins.plugins.integrity.signing.Dsse.Envelope.parse(signed);
        String payload = new String(env.payload(), StandardCharsets.UTF_8).replace("GROUP:authenticated", "GROUP:admins");
        byte[] tampered = new io.jenkins.plugins.integrity.signing.Dsse.Envelope(env.payloadType(),
                payload.getBytes(StandardCharsets.UTF_8), env.signatures()).toJson().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Baseline.read(tampered, List.of(pub), null)).hasMessageContaining("does not verify");
        byte[] otherType = new io.jenkins.plugins.integrity.signing.Dsse.Envelope("application/vnd.in-toto+json",
                env.payload(), env.signatures()).toJson().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Baseline.read(otherType, List.of(pub), null)).hasMessageContaining("not a controller"
                + " snapshot");
        assertThatThrownBy(() -> Baseline.read(java.util.Arrays.copyOf(signed, 40), List.of(pub), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }

    @Test
    void aPlainBaselineIsPinnedByDigestOrReportedAsUnverified() throws Exception {
        byte[] plain = snapshot.toJson().getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(plain));
        assertThat(Baseline.read(plain, List.of(), sha).trust()).isEqualTo(Baseline.Trust.PINNED);
        assertThatThrownBy(() -> Baseline.read(plain, List.of(), "00" + sha.substring(2)))
                .hasMessageContaining("not the pinned");
        assertThatThrownBy(() -> Baseline.read(plain, List.of(pub), null)).hasMessageContaining("not signed");
        Baseline.Verified unverified = Baseline.read(plain, List.of(), null);
        assertThat(unverified.trust()).isEqualTo(Baseline.Trust.UNVERIFIED);
        CheckResult r = DriftCheck.of(snapshot, unverified, Gate.NEVER);
        assertThat(r.findings()).extracting(f -> f.rule()).contains("drift-baseline-unverified");
        assertThat(r.summary()).startsWith("0 drifts from the baseline of ");
    }

    @Test
    void theCheckNamesEachDriftAtItsItemAndNeverASecret() throws Exception {
        JenkinsHome h = JenkinsHome.copy(dir.resolve("drifted")).write("init.groovy.d/new.groovy", "println 1");
        Baseline.Verified approved = Baseline.read(Baseline.sign(snapshot, key).getBytes(StandardCharsets.UTF_8),
                List.of(pub), null);
        CheckResult r = DriftCheck.of(h.snapshot(), approved, Gate.failOn(Severity.HIGH));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).filteredOn(f -> f.rule().equals("drift-init-script-added")).singleElement()
                .satisfies(f -> {
                    assertThat(f.location().file()).isEqualTo("initScript:init.groovy.d/new.groovy");
                    assertThat(f.message()).startsWith("ADDED: the init script init.groovy.d/new.groovy added");
                });
        String json = io.jenkins.plugins.integrity.report.Json.write(r);
        assertThat(json).doesNotContain("{AQAA").doesNotContain("jbcrypt");
        assertThat(r.metrics()).containsEntry("drifts", 1L);
    }
}
