package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomGeneratorTest {
    @TempDir Path dir;

    private Path write(String path, String text) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private List<String> purls() {
        return new SbomGenerator().fromDirectory(dir).components().stream().map(Component::purl).toList();
    }

    @Test
    void npmLockfilesV3AndV1() throws Exception {
        write("web/package-lock.json", """
                {"name": "web", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": {
                  "": {"name": "web", "version": "1.0.0", "dependencies": {"lodash": "^4.17.21"}},
                  "node_modules/lodash": {"version": "4.17.21", "license": "MIT", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz"},
                  "node_modules/@babel/core": {"version": "7.24.0", "license": "MIT"},
                  "node_modules/@babel/core/node_modules/semver": {"version": "6.3.1", "license": "ISC"},
                  "packages/shared": {"version": "0.0.1"},
                  "node_modules/shared": {"resolved": "packages/shared", "link": true}
                }}""");
        write("old/package-lock.json", """
                {"name": "old", "lockfileVersion": 1, "dependencies": {
                  "express": {"version": "4.17.1", "dependencies": {"debug": {"version": "2.6.9"}}}}}""");
        assertThat(purls()).containsExactlyInAnyOrder("pkg:npm/express@4.17.1", "pkg:npm/debug@2.6.9",
                "pkg:npm/%40babel/core@7.24.0", "pkg:npm/lodash@4.17.21", "pkg:npm/semver@6.3.1");
    }

    @Test
    void mavenPomWithPropertiesAndManagedVersions() throws Exception {
        write("app/pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent><groupId>com.example</groupId><artifactId>parent</artifactId><version>2.1.0</version></parent>
                  <artifactId>app</artifactId>
                  <properties><jackson.version>2.18.2</jackson.version></properties>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.16</version></dependency>
                  </dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>${jackson.version}</version></dependency>
                    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>
                    <dependency><groupId>com.example</groupId><artifactId>lib</artifactId><version>${project.version}</version></dependency>
                    <dependency><groupId>org.unknown</groupId><artifactId>x</artifactId><version>${from.the.parent}</version></dependency>
                  </dependencies>
                </project>""");
        assertThat(purls()).containsExactlyInAnyOrder("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.18.2",
                "pkg:maven/org.slf4j/slf4j-api@2.0.16", "pkg:maven/com.example/lib@2.1.0", "pkg:maven/org.unknown/x");
    }

    @Test
    void thisProjectsOwnPomIsReadAsMavenReadsIt() throws Exception {
        Files.createDirectories(dir.resolve("core"));
        Files.copy(Path.of("pom.xml"), dir.resolve("core/pom.xml")); // this module's own pom.xml
        // core/pom.xml declares its dependencies without versions (the parent manages them): no version here
        assertThat(purls()).contains("pkg:maven/org.eclipse.jgit/org.eclipse.jgit", "pkg:maven/com.google.re2j/re2j");
    }

    @Test
    void debianPackagesOfARootFileSystemWithTheirDistro() throws Exception {
        write("rootfs/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
        write("rootfs/var/lib/dpkg/status", """
                Package: openssl
                Status: install ok installed
                Architecture: amd64
                Version: 3.0.15-1~deb12u1
                Description: Secure Sockets Layer toolkit
                 a continuation line: Package: not-this

                Package: telnet
                Status: deinstall ok config-files
                Architecture: amd64
                Version: 0.17+2.4-2

                """);
        List<Component> found = new SbomGenerator().fromDirectory(dir.resolve("rootfs")).components();
        assertThat(found).extracting(Component::purl)
                .containsExactly("pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12");
    }

    @Test
    void theMachinesOwnDpkgDatabaseIsRead() throws Exception {
        Path status = Path.of("/var/lib/dpkg/status");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(status), "a Debian machine");
        Files.createDirectories(dir.resolve("var/lib/dpkg"));
        Files.copy(status, dir.resolve("var/lib/dpkg/status"));
        Files.createDirectories(dir.resolve("etc"));
        Files.copy(Path.of("/etc/os-release"), dir.resolve("etc/os-release"));
        List<Component> found = new SbomGenerator().fromDirectory(dir).components();
        assertThat(found).hasSizeGreaterThan(50).extracting(Component::name).contains("git", "openssh-client");
        assertThat(found).allSatisfy(c -> assertThat(c.purl()).startsWith("pkg:deb/").contains("distro="));
    }

    @Test
    void lockfilesGiveDigestsAndDependencyEdges() throws Exception {
        write("web/package-lock.json", """
                {"name": "web", "lockfileVersion": 3, "packages": {
                  "": {"name": "web", "dependencies": {"express": "^4"}},
                  "node_modules/express": {"version": "4.21.2", "integrity": "sha512-28HqgMZAmih1Czt9ny7qr6ek2qddF4FclbMzwhCREB6OFfH+rXAnuNCwo1/wFvrtbgsQDb4kSbX9de9lFbrXnA==",
                    "dependencies": {"debug": "2.6.9", "ms": "2.0.0"}},
                  "node_modules/debug": {"version": "2.6.9", "dependencies": {"ms": "2.0.0"}},
                  "node_modules/ms": {"version": "2.1.3"},
                  "node_modules/debug/node_modules/ms": {"version": "2.0.0"},
                  "node_modules/express/node_modules/ms": {"version": "2.0.0"}
                }}""");
        write("rs/Cargo.lock", """
                [[package]]
                name = "serde"
                version = "1.0.217"
                source = "registry+https://github.com/rust-lang/crates.io-index"
                checksum = "02fc4265df13d6fa1d00ecff087228cc0a2b5f3c0e87e258d8b94a156e984c70"
                """);
        List<Component> found = new SbomGenerator().fromDirectory(dir).components();
        Component express = found.stream().filter(c -> c.name().equals("express")).findFirst().orElseThrow();
        assertThat(express.hashes()).containsOnlyKeys("SHA-512");
        assertThat(express.hashes().get("SHA-512")).hasSize(128).startsWith("dbc1ea80");
        assertThat(express.dependsOn()).containsExactly("pkg:npm/debug@2.6.9", "pkg:npm/ms@2.0.0");
        Component debug = found.stream().filter(c -> c.name().equals("debug")).findFirst().orElseThrow();
        assertThat(debug.dependsOn()).containsExactly("pkg:npm/ms@2.0.0");
        assertThat(found.stream().filter(c -> c.name().equals("serde")).findFirst().orElseThrow().hashes())
                .containsEntry("SHA-256", "02fc4265df13d6fa1d00ecff087228cc0a2b5f3c0e87e258d8b94a156e984c70");
        String json = CycloneDxWriter.json(new SbomGenerator().fromDirectory(dir));
        assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
        assertThat(json).contains("\"dependsOn\"").contains("\"alg\" : \"SHA-512\"");
    }

    @Test
    void osReleaseLinksAreFollowedInsideTheRootOnly() throws Exception {
        Files.createDirectories(dir.resolve("usr/lib"));
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("usr/lib/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        // as in Debian: etc/os-release -> ../usr/lib/os-release; an absolute link means the root's own file
        Files.createSymbolicLink(dir.resolve("etc/os-release"), Path.of("/usr/lib/os-release"));
        assertThat(SbomGenerator.distro(dir.toAbsolutePath().normalize())).isEqualTo("debian-12");
        Files.delete(dir.resolve("usr/lib/os-release"));
        Files.createSymbolicLink(dir.resolve("usr/lib/os-release"), Path.of("../../../../../../../etc/os-release"));
        assertThat(SbomGenerator.distro(dir.toAbsolutePath().normalize())).isNull();
    }

    @Test
    void cycloneDxOutputIsValidJsonAndXml16() throws Exception {
        write("web/package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/lodash\": "
                + "{\"version\": \"4.17.21\", \"license\": \"MIT\"}}}");
        Files.copy(Path.of("pom.xml"), dir.resolve("pom.xml"));
        SbomGenerator.Sbom sbom = new SbomGenerator().fromDirectory(dir);
        String json = CycloneDxWriter.json(sbom);
        assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
        assertThat(json).contains("\"specVersion\" : \"1.6\"").contains("pkg:npm/lodash@4.17.21")
                .contains("pipeline-integrity:foundIn");
        String xml = CycloneDxWriter.xml(sbom);
        assertThat(new XmlParser().validate(xml.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
    }

    @Test
    void hostileFilesAreRefusedNamingThem() throws Exception {
        write("pom.xml", "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<project><dependencies><dependency><artifactId>&x;</artifactId></dependency></dependencies></project>");
        assertThatThrownBy(() -> new SbomGenerator().fromDirectory(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("pom.xml: ").hasMessageContaining("DTD").hasMessageNotContaining("root:");
        Files.delete(dir.resolve("pom.xml"));
        write("a/package-lock.json", "{\"packages\": ");
        assertThatThrownBy(() -> new SbomGenerator().fromDirectory(dir)).hasMessage("a/package-lock.json: not JSON");
        assertThatThrownBy(() -> new SbomGenerator().fromDirectory(dir.resolve("nope")))
                .hasMessageEndingWith("no such directory");
    }
}
