package io.jenkins.plugins.integrity.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.sbom.Component;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Denied, end-of-life and too-old versions, each at its boundary, in each ecosystem's order. */
class VersionPolicyTest {
    static final String POLICY = """
            denied:
              - package: pkg:maven/org.apache.logging.log4j/log4j-core
                below: 2.17.1
                reason: Log4Shell and its follow-ups
              - package: pkg:npm/event-stream
                versions: [3.3.6]
                reason: a compromised release
            endOfLife:
              - package: pkg:maven/org.springframework/spring-core
                below: 6.0.0
                reason: Spring Framework 5.3 is out of support
                severity: MEDIUM
            minimums:
              - package: pkg:maven/com.fasterxml.jackson.core/jackson-databind
                minimum: 2.15.0
              - package: pkg:deb/debian/openssl
                minimum: 3.0.11-1~deb12u2
                maxMajorsBehind: 1
            """;

    static Component c(String purl) {
        return new Component("x", null, "x", "0", purl, List.of(), "sbom");
    }

    static List<String> rules(String... purls) {
        return VersionPolicy.parse(POLICY.getBytes(StandardCharsets.UTF_8)).evaluate(
                java.util.Arrays.stream(purls).map(VersionPolicyTest::c).toList()).stream()
                .map(f -> f.rule() + " " + f.location().file()).toList();
    }

    @Test
    void eachRuleAtItsBoundary() {
        assertThat(rules("pkg:maven/org.apache.logging.log4j/log4j-core@2.16.0")).containsExactly(
                "version-denied pkg:maven/org.apache.logging.log4j/log4j-core@2.16.0");
        assertThat(rules("pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1-rc1".replace("-rc1", ""))).isEmpty();
        assertThat(rules("pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1-rc1")).as("a pre-release is below")
                .hasSize(1);
        assertThat(rules("pkg:npm/event-stream@3.3.6")).hasSize(1);
        assertThat(rules("pkg:npm/event-stream@3.3.5", "pkg:npm/event-stream@4.0.0")).isEmpty();
        assertThat(rules("pkg:maven/org.springframework/spring-core@5.3.31")).containsExactly(
                "version-end-of-life pkg:maven/org.springframework/spring-core@5.3.31");
        assertThat(rules("pkg:maven/org.springframework/spring-core@6.0.0")).isEmpty();
        assertThat(rules("pkg:maven/com.fasterxml.jackson.core/jackson-databind@1.9.13")).containsExactly(
                "version-behind-minimum pkg:maven/com.fasterxml.jackson.core/jackson-databind@1.9.13");
        assertThat(rules("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.0")).as("same major").isEmpty();
        assertThat(rules("pkg:deb/debian/openssl@2.0.0-1?distro=debian-12")).as("one behind is allowed").isEmpty();
        assertThat(rules("pkg:deb/debian/openssl@1.1.1w-0%2Bdeb11u1?distro=debian-12")).hasSize(1);
        assertThat(rules("pkg:deb/debian/openssl@1:1.1.1-1?distro=debian-12")).as("the major after the epoch")
                .hasSize(1);
    }

    @Test
    void findingsJoinTheVulnerabilityResultWithTheirSeverityAndReason() {
        var scan = new VulnerabilityScanner(VulnerabilityDatabase.of(List.of()), List.of(),
                VersionPolicy.parse(POLICY.getBytes(StandardCharsets.UTF_8))).scan(List.of(
                        c("pkg:maven/org.springframework/spring-core@5.3.31")), "app", Gate.failOn(Severity.HIGH));
        Finding f = scan.result().findings().get(0);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).isEqualTo("org.springframework:spring-core 5.3.31 is an end-of-life version (below"
                + " 6.0.0) (Spring Framework 5.3 is out of support)");
        assertThat(scan.result().status()).isEqualTo(Status.WARN);
        assertThat(scan.result().summary()).contains("1 version policy finding");
        var denied = new VulnerabilityScanner(VulnerabilityDatabase.of(List.of()), List.of(),
                VersionPolicy.parse(POLICY.getBytes(StandardCharsets.UTF_8))).scan(List.of(
                        c("pkg:npm/event-stream@3.3.6")), "app", Gate.failOn(Severity.HIGH));
        assertThat(denied.result().status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aPolicyThatIsNotOneIsRefusedNamingTheEntry() {
        for (String[] bad : new String[][] {
            {"allow: []", "unknown key 'allow'"},
            {"denied: {}", "'denied' is not a list"},
            {"denied: [{package: 'pkg:npm/a@1.0.0', below: 2.0.0}]", "denied[0]: 'package' is not a package URL"},
            {"denied: [{package: 'pkg:generic/a', below: 2}]", "denied[0]: 'package'"},
            {"denied: [{package: 'pkg:npm/a'}]", "give 'below' or 'versions'"},
            {"minimums: [{package: 'pkg:npm/a', maxMajorsBehind: 1}]", "give 'minimum'"},
            {"denied: [{package: 'pkg:npm/a', below: 'not.a.version'}]", "is not a npm version"},
            {"minimums: [{package: 'pkg:npm/a', minimum: 1.0.0, maxMajorsBehind: -1}]", "negative"},
            {"- a list", "not a version policy"}}) {
            assertThatThrownBy(() -> VersionPolicy.parse(bad[0].getBytes(StandardCharsets.UTF_8))).as(bad[0])
                    .hasMessageContaining(bad[1]);
        }
    }
}
