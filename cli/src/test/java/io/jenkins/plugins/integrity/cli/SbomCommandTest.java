package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomCommandTest {
    @TempDir Path dir;

    @Test
    void writesCycloneDxJsonOfADirectory() throws Exception {
        Files.writeString(dir.resolve("package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": {"
                + "\"node_modules/left-pad\": {\"version\": \"1.3.0\", \"license\": \"WTFPL\"}}}");
        CliRun r = CliRun.of("sbom", "--dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode bom = new ObjectMapper().readTree(r.out());
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.path("components").get(0).path("purl").asText()).isEqualTo("pkg:npm/left-pad@1.3.0");
        Path out = dir.resolve("out/bom.xml");
        CliRun xml = CliRun.of("sbom", "--dir", dir.toString(), "--format", "xml", "--output", out.toString());
        assertThat(xml.out()).contains("sbom: PASS - 1 components");
        assertThat(Files.readString(out)).contains("<bom").contains("pkg:npm/left-pad@1.3.0");
    }

    @Test
    void auditWritesTheSbomBesideTheReports() throws Exception {
        Files.writeString(dir.resolve("package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": {"
                + "\"node_modules/left-pad\": {\"version\": \"1.3.0\"}}}");
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("audit", dir.toString(), "--output", out.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("sbom: PASS - 1 components").contains("npm=1");
        assertThat(Files.readString(out.resolve("bom.cdx.json"))).contains("pkg:npm/left-pad@1.3.0");
        Files.writeString(dir.resolve("package-lock.json"), "{\"packages\": ");
        CliRun broken = CliRun.of("audit", dir.toString(), "--output", out.toString());
        assertThat(broken.out()).contains("secrets: PASS").contains("sbom: ERROR - package-lock.json: not JSON");
        assertThat(broken.code()).isNotZero();
    }

    @Test
    void badInputExitsTwo() throws Exception {
        assertThat(CliRun.of("sbom", "--dir", dir.resolve("missing").toString()).code()).isEqualTo(2);
        Files.writeString(dir.resolve("pom.xml"), "<project><unclosed>");
        CliRun r = CliRun.of("sbom", "--dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("pom.xml: not well-formed XML");
        assertThat(CliRun.of("sbom", "--dir", dir.toString(), "--format", "yaml").code()).isEqualTo(2);
    }
}
