package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledCatalogersTest {
    @TempDir
    Path dir;

    @Test
    void installedNpmPackagesAreReadAndFixturesAreNot() throws Exception {
        var c = new InstalledCatalogers.NodeModules();
        assertThat(c.handles("srv/app/node_modules/express/package.json")).isTrue();
        assertThat(c.handles("node_modules/@babel/core/package.json")).isTrue();
        assertThat(c.handles("node_modules/a/node_modules/b/package.json")).isTrue();
        assertThat(c.handles("node_modules/express/test/fixtures/package.json")).isFalse();
        assertThat(c.handles("node_modules/.bin/package.json")).isFalse();
        assertThat(c.handles("package.json")).isFalse();
        List<Component> found = c.catalog("node_modules/@babel/core/package.json", """
                {"name": "@babel/core", "version": "7.24.0", "license": "MIT"}""".getBytes(StandardCharsets.UTF_8), null);
        assertThat(found).singleElement().satisfies(x -> {
            assertThat(x.purl()).isEqualTo("pkg:npm/%40babel/core@7.24.0");
            assertThat(x.licenses()).containsExactly("MIT");
        });
        assertThat(c.catalog("node_modules/old/package.json", "{\"name\": \"old\", \"version\": \"0.1.0\", \"license\": {\"type\": \"BSD\"}}"
                .getBytes(StandardCharsets.UTF_8), null)).singleElement().extracting(Component::licenses)
                .asList().containsExactly("BSD");
        assertThatThrownBy(() -> c.catalog("node_modules/x/package.json", "{".getBytes(StandardCharsets.UTF_8), null))
                .hasMessageContaining("not JSON");
    }

    @Test
    void pythonCoreMetadataNamesTheDistributionAndItsLicense() {
        var c = new InstalledCatalogers.PythonInstalled();
        assertThat(c.handles("usr/lib/python3/dist-packages/requests-2.32.3.dist-info/METADATA")).isTrue();
        assertThat(c.handles("site-packages/PyYAML.egg-info/PKG-INFO")).isTrue();
        List<Component> found = c.catalog("x/Flask_Cors-5.0.0.dist-info/METADATA", """
                Metadata-Version: 2.1
                Name: Flask_Cors
                Version: 5.0.0
                Classifier: License :: OSI Approved :: MIT License
                Requires-Dist: Flask>=0.9

                License: this line is in the description and does not count
                """.getBytes(StandardCharsets.UTF_8), null);
        assertThat(found).singleElement().satisfies(x -> {
            assertThat(x.purl()).isEqualTo("pkg:pypi/flask-cors@5.0.0");
            assertThat(x.licenses()).containsExactly("MIT License");
        });
        assertThatThrownBy(() -> c.catalog("x.dist-info/METADATA", "Metadata-Version: 2.1\n".getBytes(StandardCharsets.UTF_8),
                null)).hasMessageContaining("without a Name and Version");
    }

    @Test
    void thisMachinesInstalledPythonPackagesAreFound() throws Exception {
        Path dist = Path.of("/usr/lib/python3/dist-packages");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(dist));
        List<Component> found = new SbomGenerator().fromDirectory(dist, p -> p.endsWith("/METADATA")
                || p.endsWith("/PKG-INFO")).components();
        // each NAME-VERSION.dist-info (or NAME[-VERSION].egg-info) directory names a distribution
        java.util.Set<String> names;
        try (var s = java.nio.file.Files.walk(dist, 2)) {
            names = s.filter(p -> p.toString().endsWith(".dist-info/METADATA") || p.toString().endsWith(".egg-info/PKG-INFO"))
                    .map(p -> p.getParent().getFileName().toString().replaceFirst("\\.(dist|egg)-info$", "").split("-")[0])
                    .map(n -> n.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
        assertThat(found).extracting(Component::name).containsExactlyInAnyOrderElementsOf(names);
        assertThat(found).allSatisfy(x -> assertThat(x.purl()).startsWith("pkg:pypi/"));
    }
}
