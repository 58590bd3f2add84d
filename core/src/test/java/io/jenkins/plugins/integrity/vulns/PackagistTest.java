package io.jenkins.plugins.integrity.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.oci.Tools;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.sbom.Component;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packagist advisories against composer.lock components, with Composer's own version order: checked against
 * composer/semver's VersionParser and PHP's version_compare themselves (Debian's composer brings both), and
 * against GHSA-x7cr-6qr6-2hh6 (CVE-2022-24828, composer/composer, fixed in 1.10.26, 2.2.12 and 2.3.5).
 */
class PackagistTest {
    private static final List<String> VERSIONS = List.of("1.0.0", "v1.0", "1.0", "1.0.0.0", "1.0.1", "1.0.10", "1.0.9",
            "1.0-dev", "1.0.0-alpha", "1.0.0-alpha1", "1.0.0-alpha.2", "1.0.0-a3", "1.0.0-beta", "1.0.0-b1",
            "1.0.0-beta2", "1.0.0-RC1", "1.0.0-rc2", "1.0.0RC3", "1.0.0-patch1", "1.0.0-pl2", "1.0.0-p3",
            "1.0.0-stable", "1.0.0-beta2-dev", "1.0.0+build7", "2.3.0-RC1", "2.3.0", "2.2.12", "v2.2.11", "1.10.26",
            "1.10.23", "10.0.0", "2.x-dev", "2.1.x-dev", "1.2.3.4", "20231201", "2023.12.01", "2023-12-01",
            "0", "0.0.1", "99999.0.0");

    @Test
    void ordersVersionsAsComposerAndPhpDo(@TempDir Path dir) throws Exception {
        List<String> readable = VERSIONS.stream().filter(ComposerVersion.INSTANCE::valid).toList();
        assertThat(readable).hasSameSizeAs(VERSIONS);
        Path script = dir.resolve("order.php");
        Files.writeString(script, """
                <?php
                require '/usr/share/php/Composer/Semver/autoload.php';
                $parser = new Composer\\Semver\\VersionParser();
                foreach (array_slice($argv, 1) as $a) {
                    $row = [];
                    foreach (array_slice($argv, 1) as $b) {
                        $row[] = version_compare($parser->normalize($a), $parser->normalize($b));
                    }
                    echo $parser->normalize($a), ' ', implode(',', $row), "\\n";
                }
                """);
        List<String> cmd = new ArrayList<>(List.of("php", script.toString()));
        cmd.addAll(readable);
        List<String> rows = Tools.run(dir, cmd.toArray(String[]::new)).lines().toList();

        assertThat(rows).hasSameSizeAs(readable);
        for (int i = 0; i < readable.size(); i++) {
            String[] row = rows.get(i).split(" ", 2);
            assertThat(ComposerVersion.normalise(readable.get(i))).as(readable.get(i)).isEqualTo(row[0]);
            String[] php = row[1].split(",");
            for (int j = 0; j < readable.size(); j++) {
                assertThat(ComposerVersion.INSTANCE.compare(readable.get(i), readable.get(j)))
                        .as(readable.get(i) + " vs " + readable.get(j)).isEqualTo(Integer.parseInt(php[j]));
            }
        }
    }

    @Test
    void branchesAndJunkAreNoVersions() {
        for (String v : List.of("dev-main", "DEV-feature/x", "", "banana", "1.0.0-gamma", "1.2.3.4.5", "x".repeat(300))) {
            assertThat(ComposerVersion.INSTANCE.valid(v)).as(v).isFalse();
        }
    }

    @Test
    void composerAdvisoriesAtTheirBoundaries(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("all.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("GHSA-x7cr-6qr6-2hh6.json"));
            out.write("""
                    {"id": "GHSA-x7cr-6qr6-2hh6", "modified": "2024-05-20T00:00:00Z", "aliases": ["CVE-2022-24828"],
                     "summary": "Missing input validation can lead to command execution in composer",
                     "affected": [{"package": {"ecosystem": "Packagist", "name": "composer/composer"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.10.26"},
                                  {"introduced": "2.0.0"}, {"fixed": "2.2.12"}, {"introduced": "2.3.0"}, {"fixed": "2.3.5"}]}]}],
                     "database_specific": {"severity": "HIGH"}}
                    """.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        VulnerabilityDatabase db = VulnerabilityDatabase.load(List.of(zip));
        for (String v : List.of("1.10.23", "v1.10.25", "2.0.0", "2.2.11", "2.3.0", "2.3.4")) {
            assertThat(scan(db, v).matches()).as(v).extracting(VulnerabilityMatch::id)
                    .containsExactly("CVE-2022-24828");
        }
        for (String v : List.of("1.10.26", "2.0.0-RC1-dev", "2.2.12", "2.3.0-RC1", "2.3.5", "v2.7.0")) {
            assertThat(scan(db, v).matches()).as(v).isEmpty();
        }
        var branch = scan(db, "dev-main");
        assertThat(branch.matches()).isEmpty();
        assertThat(branch.result().findings()).extracting(f -> f.rule())
                .containsExactly("vulnerability-unknown-version");
        assertThat(PackageRef.ofPurl("pkg:composer/Composer/Composer@2.2.11").name()).isEqualTo("composer/composer");
        assertThat(PackageRef.ofPurl("pkg:composer/novendor@1.0")).as("Packagist names have a vendor").isNull();
    }

    private static VulnerabilityScanner.Scan scan(VulnerabilityDatabase db, String version) {
        Component c = new Component("composer", "composer", "composer", version,
                "pkg:composer/composer/composer@" + version, List.of(), "composer.lock");
        return new VulnerabilityScanner(db).scan(List.of(c), "app", Gate.failOn(Severity.HIGH));
    }
}
