package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our SBOMs read back (JSON and XML) with every component; what is not a CycloneDX SBOM is refused. */
class CycloneDxReaderTest {
    @TempDir
    Path dir;

    @Test
    void ourJsonAndXmlSbomsReadBackWithTheirPackageUrls() throws Exception {
        Files.writeString(dir.resolve("package-lock.json"), """
                {"name": "web", "lockfileVersion": 3, "packages": {"": {"name": "web"},
                  "node_modules/semver": {"version": "7.5.1"}, "node_modules/@babel/core": {"version": "7.22.0"}}}""");
        SbomGenerator.Sbom sbom = new SbomGenerator().fromDirectory(dir);
        for (String doc : new String[] {CycloneDxWriter.json(sbom), CycloneDxWriter.xml(sbom)}) {
            CycloneDxReader.Read read = CycloneDxReader.read(doc.getBytes(StandardCharsets.UTF_8), "bom");
            assertThat(read.components()).extracting(Component::purl).contains("pkg:npm/semver@7.5.1",
                    "pkg:npm/%40babel/core@7.22.0");
            assertThat(read.components()).allSatisfy(c -> assertThat(c.ecosystem()).isEqualTo("npm"));
            assertThat(read.components()).extracting(Component::foundIn).contains("package-lock.json");
        }
    }

    @Test
    void whatIsNotACycloneDxSbomIsRefusedNamingTheFile() {
        for (String doc : new String[] {"", "   ", "{\"spdxVersion\": \"SPDX-2.3\"}", "[1, 2]", "{\"bomFormat\": 7}",
            "<html><body>no</body></html>", "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY e \"x\">]><bom/>"}) {
            assertThatThrownBy(() -> CycloneDxReader.read(doc.getBytes(StandardCharsets.UTF_8), "in.cdx"))
                    .as(doc).isInstanceOf(InvalidInputException.class).hasMessageContaining("in.cdx");
        }
        StringBuilder deep = new StringBuilder("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [");
        for (int i = 0; i < 40; i++) {
            deep.append("{\"type\": \"library\", \"name\": \"c").append(i).append("\", \"components\": [");
        }
        deep.append("]}".repeat(40)).append("]}");
        assertThatThrownBy(() -> CycloneDxReader.read(deep.toString().getBytes(StandardCharsets.UTF_8), "deep.json"))
                .hasMessageContaining("deep.json");
    }
}
