package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POMs that take versions from their parents and BOMs: in the tree, and in the local Maven repository. */
class MavenInheritanceTest {
    @TempDir
    Path dir;

    private void write(String path, String text) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void aModuleInheritsPropertiesManagedVersionsAndDependenciesFromItsParentInTheTree() throws Exception {
        write("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId><artifactId>parent</artifactId><version>3.0.0</version>
                  <packaging>pom</packaging>
                  <properties><slf4j.version>2.0.16</slf4j.version></properties>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>${slf4j.version}</version></dependency>
                    <dependency><groupId>com.example</groupId><artifactId>shared</artifactId><version>${project.version}</version></dependency>
                  </dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>org.jspecify</groupId><artifactId>jspecify</artifactId><version>1.0.0</version></dependency>
                  </dependencies>
                </project>""");
        write("service/pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent><groupId>com.example</groupId><artifactId>parent</artifactId><version>3.0.0</version></parent>
                  <artifactId>service</artifactId>
                  <dependencies>
                    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>
                    <dependency><groupId>${project.groupId}</groupId><artifactId>shared</artifactId></dependency>
                  </dependencies>
                </project>""");
        List<Component> found = new MavenPomCataloger().catalog("service/pom.xml",
                Files.readAllBytes(dir.resolve("service/pom.xml")), null, p -> {
                    try {
                        return Files.readAllBytes(dir.resolve(p));
                    } catch (java.io.IOException e) {
                        return null;
                    }
                });
        assertThat(found).extracting(Component::purl).containsExactlyInAnyOrder("pkg:maven/org.slf4j/slf4j-api@2.0.16", "pkg:maven/com.example/shared@3.0.0",
                        "pkg:maven/org.jspecify/jspecify@1.0.0");
    }

    @Test
    void aParentWhoseCoordinatesDoNotMatchIsNotTaken() throws Exception {
        write("pom.xml", """
                <project><groupId>other</groupId><artifactId>unrelated</artifactId><version>1</version>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>g</groupId><artifactId>a</artifactId><version>6.6.6</version></dependency>
                  </dependencies></dependencyManagement></project>""");
        write("m/pom.xml", """
                <project><parent><groupId>com.example</groupId><artifactId>parent</artifactId><version>3</version></parent>
                  <artifactId>m</artifactId>
                  <dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId></dependency></dependencies>
                </project>""");
        assertThat(new SbomGenerator().fromDirectory(dir).components()).filteredOn(c -> c.name().equals("a"))
                .singleElement().satisfies(c -> assertThat(c.version()).isNull());
    }

    @Test
    void parentsAndImportedBomsComeFromTheLocalRepository() throws Exception {
        // this build's own jackson-databind: its POM's parents (jackson-base, jackson-bom) are in the local repository
        Path jar = Path.of(com.fasterxml.jackson.databind.ObjectMapper.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        String version = jar.getParent().getFileName().toString();
        Path repository = jar.getParent().getParent().getParent().getParent().getParent().getParent().getParent();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(repository.resolve(
                "com/fasterxml/jackson/jackson-base/" + version + "/jackson-base-" + version + ".pom")));
        write("app/pom.xml", """
                <project>
                  <parent><groupId>com.fasterxml.jackson</groupId><artifactId>jackson-base</artifactId><version>%s</version>
                    <relativePath/></parent>
                  <artifactId>app</artifactId>
                  <dependencies>
                    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId></dependency>
                  </dependencies>
                </project>""".formatted(version));
        List<Component> withRepo = new SbomGenerator(repository).fromDirectory(dir).components();
        assertThat(withRepo).filteredOn(c -> c.name().equals("jackson-databind")).singleElement()
                .satisfies(c -> assertThat(c.purl()).isEqualTo("pkg:maven/com.fasterxml.jackson.core/jackson-databind@"
                        + version));
        List<Component> without = new SbomGenerator().fromDirectory(dir).components();
        assertThat(without).filteredOn(c -> c.name().equals("jackson-databind")).singleElement()
                .satisfies(c -> assertThat(c.version()).isNull());
    }

    @Test
    void aParentLoopEndsTheChain() throws Exception {
        write("a/pom.xml", """
                <project><parent><groupId>g</groupId><artifactId>b</artifactId><version>1</version><relativePath>../b/pom.xml</relativePath></parent>
                  <groupId>g</groupId><artifactId>a</artifactId><version>1</version>
                  <dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>2</version></dependency></dependencies></project>""");
        write("b/pom.xml", """
                <project><parent><groupId>g</groupId><artifactId>a</artifactId><version>1</version><relativePath>../a/pom.xml</relativePath></parent>
                  <groupId>g</groupId><artifactId>b</artifactId><version>1</version></project>""");
        assertThat(new SbomGenerator().fromDirectory(dir).components()).extracting(Component::purl)
                .contains("pkg:maven/x/y@2");
    }
}
