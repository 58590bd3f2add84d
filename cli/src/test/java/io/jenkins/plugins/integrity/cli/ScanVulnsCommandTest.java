package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scan-vulns over a checkout's SBOM (ours, and another tool's), against an osv.dev-style all.zip holding
 * Log4Shell's record; bad data and bad SBOMs are input errors naming the file.
 */
class ScanVulnsCommandTest {
    static final String LOG4SHELL = "{\"id\": \"GHSA-jfh8-c2jp-5v3q\", \"modified\": \"2024-03-15T16:52:01Z\","
            + " \"aliases\": [\"CVE-2021-44228\"], \"summary\": \"Remote code injection in Log4j\","
            + " \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\"}],"
            + " \"affected\": [{\"package\": {\"ecosystem\": \"Maven\", \"name\": \"org.apache.logging.log4j:log4j-core\"},"
            + " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"2.13.0\"}, {\"fixed\": \"2.15.0\"}]},"
            + " {\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"2.4\"}, {\"fixed\": \"2.12.2\"}]},"
            + " {\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"2.0-beta9\"}, {\"fixed\": \"2.3.1\"}]}]}]}";
    @TempDir
    static Path dir;
    static Path osv;
    static Path checkout;

    @BeforeAll
    static void data() throws Exception {
        osv = dir.resolve("Maven-all.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(osv))) {
            out.putNextEntry(new ZipEntry("GHSA-jfh8-c2jp-5v3q.json"));
            out.write(LOG4SHELL.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        checkout = Files.createDirectories(dir.resolve("service"));
        Files.writeString(checkout.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId><artifactId>service</artifactId><version>1.0</version>
                  <dependencies>
                    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId>
                      <version>2.14.1</version></dependency>
                    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-api</artifactId>
                      <version>2.14.1</version></dependency>
                  </dependencies>
                </project>
                """);
    }

    @Test
    void aCheckoutWithLog4ShellFailsNamingTheCveItsAliasAndTheFix() {
        CliRun r = CliRun.of("scan-vulns", "--dir", checkout.toString(), "--osv", osv.toString(), "--cache", dir.resolve("cache").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("CRITICAL").contains("CVE-2021-44228")
                .contains("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1").contains("also GHSA-jfh8-c2jp-5v3q")
                .contains("CVSS 10.0").contains("fixed in 2.15.0").contains("1 vulnerability in 1 of 2 components");
        CliRun json = CliRun.of("scan-vulns", "--dir", checkout.toString(), "--osv", osv.toString(), "--cache", dir.resolve("cache").toString(), "--format", "json");
        assertThat(json.out()).contains("\"check\" : \"vulnerabilities\"").contains("\"rule\" : \"CVE-2021-44228\"");
        CliRun sarif = CliRun.of("scan-vulns", "--dir", checkout.toString(), "--osv", osv.toString(), "--no-cache",
                "--format", "sarif");
        assertThat(sarif.out()).contains("\"version\" : \"2.1.0\"").contains("\"ruleId\" : \"CVE-2021-44228\"")
                .contains("\"level\" : \"error\"");
        assertThat(dir.resolve("cache/osv-store.bin")).as("the data is indexed once").isRegularFile();
        CliRun fresh = CliRun.of("scan-vulns", "--dir", checkout.toString(), "--osv", osv.toString(), "--no-cache");
        assertThat(fresh.out()).contains("CVE-2021-44228");
        CliRun report = CliRun.of("scan-vulns", "--dir", checkout.toString(), "--osv", osv.toString(), "--cache", dir.resolve("cache").toString(), "--fail-on",
                "NONE");
        assertThat(report.code()).isZero();
    }

    @Test
    void anotherToolsSbomIsReadWithItsNestedComponents() throws Exception {
        Path sbom = Files.writeString(dir.resolve("syft.cdx.json"), """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                 "metadata": {"component": {"type": "container", "name": "registry.example.com/team/app"}},
                 "components": [
                   {"type": "library", "name": "app.jar", "version": "1.0",
                    "components": [{"type": "library", "group": "org.apache.logging.log4j", "name": "log4j-core",
                                    "version": "2.12.1", "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.12.1"}]},
                   {"type": "library", "name": "lodash", "version": "4.17.21", "purl": "pkg:npm/lodash@4.17.21"}]}
                """);
        CliRun r = CliRun.of("scan-vulns", "--sbom", sbom.toString(), "--osv", osv.toString(), "--cache", dir.resolve("cache").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("CVE-2021-44228").contains("fixed in 2.12.2")
                .contains("1 vulnerability in 1 of 2 components");
        CliRun clean = CliRun.of("scan-vulns", "--sbom", sbom.toString(), "--osv", dir.resolve("empty").toString(),
                "--no-cache");
        assertThat(clean.code()).isEqualTo(2);
        assertThat(clean.err()).contains("empty").contains("no such file or directory");
    }

    @Test
    void aVexStatementSuppressesAndTheSbomIsWrittenBackWithItsVulnerabilities() throws Exception {
        Path vex = Files.writeString(dir.resolve("app.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2021-44228"},
                  "products": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}],
                  "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}""");
        Path out = dir.resolve("out/app.vulns.cdx.json");
        CliRun r = CliRun.of("scan-vulns", "--dir", checkout.toString(), "--osv", osv.toString(), "--cache", dir.resolve("cache").toString(), "--vex", vex.toString(),
                "--sbom-output", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("SUPPRESSED by VEX (not_affected: vulnerable_code_not_in_execute_path")
                .contains("1 suppressed by VEX");
        String bom = Files.readString(out);
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(bom.getBytes(StandardCharsets.UTF_8),
                org.cyclonedx.Version.VERSION_16)).isEmpty();
        assertThat(bom).contains("\"vulnerabilities\"").contains("CVE-2021-44228").contains("\"not_affected\"");
        Path notVex = Files.writeString(dir.resolve("not-vex.json"), "{}");
        CliRun bad = CliRun.of("scan-vulns", "--dir", checkout.toString(), "--osv", osv.toString(), "--cache", dir.resolve("cache").toString(), "--vex",
                notVex.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not-vex.json");
    }

    @Test
    void aVersionPolicyDeniesEndsOfLifeAndMinimumsBesideTheVulnerabilities() throws Exception {
        Path policy = Files.writeString(dir.resolve("versions.yaml"), """
                denied:
                  - package: pkg:maven/org.apache.logging.log4j/log4j-api
                    below: 2.17.1
                    reason: upgrade with log4j-core
                """);
        CliRun r = CliRun.of("scan-vulns", "--dir", checkout.toString(), "--osv", osv.toString(), "--no-cache",
                "--version-policy", policy.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("version-denied").contains("org.apache.logging.log4j:log4j-api 2.14.1 is a"
                + " denied version (below 2.17.1) (upgrade with log4j-core)").contains("1 version policy finding");
        Path bad = Files.writeString(dir.resolve("bad-versions.yaml"), "deny: []");
        CliRun b = CliRun.of("scan-vulns", "--dir", checkout.toString(), "--osv", osv.toString(), "--no-cache",
                "--version-policy", bad.toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("bad-versions.yaml").contains("unknown key 'deny'");
    }

    @Test
    void badSbomsAndBadDataAreInputErrorsNamingTheFile() throws Exception {
        Path notSbom = Files.writeString(dir.resolve("not.json"), "{\"spdxVersion\": \"SPDX-2.3\"}");
        CliRun r = CliRun.of("scan-vulns", "--sbom", notSbom.toString(), "--osv", osv.toString(), "--cache", dir.resolve("cache").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not.json");
        Path xxe = Files.writeString(dir.resolve("xxe.xml"), "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM"
                + " \"file:///etc/passwd\">]><bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">&x;</bom>");
        CliRun x = CliRun.of("scan-vulns", "--sbom", xxe.toString(), "--osv", osv.toString(), "--cache", dir.resolve("cache").toString());
        assertThat(x.code()).isEqualTo(2);
        assertThat(x.err()).contains("xxe.xml").contains("document type declaration").doesNotContain("root:");
        Path broken = Files.writeString(dir.resolve("broken.zip"), "PK not really");
        CliRun b = CliRun.of("scan-vulns", "--dir", checkout.toString(), "--osv", broken.toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("broken.zip");
        CliRun none = CliRun.of("scan-vulns", "--dir", checkout.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--osv");
    }
}
