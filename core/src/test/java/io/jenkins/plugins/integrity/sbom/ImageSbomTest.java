package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.ImageSource;
import io.jenkins.plugins.integrity.oci.ImageSources;
import io.jenkins.plugins.integrity.oci.TestImage;
import io.jenkins.plugins.integrity.oci.Tools;
import io.jenkins.plugins.integrity.secrets.RuleSet;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.DigestUtils;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SBOMs of images assembled by umoci from real files (this machine's dpkg database and os-release, a jar from
 * the local Maven repository, a key made by ssh-keygen), read from the OCI layout and from a docker save
 * archive written by skopeo.
 */
class ImageSbomTest {
    @TempDir
    static Path dir;
    static TestImage image;
    static String token;
    static final SecretScanner SECRETS = new SecretScanner(RuleSet.builtIn());

    @BeforeAll
    static void buildImage() throws Exception {
        Path base = dir.resolve("base");
        copy(Path.of("/etc/os-release"), base.resolve("etc/os-release"));
        copy(Path.of("/var/lib/dpkg/status"), base.resolve("var/lib/dpkg/status"));
        Files.writeString(base.resolve("etc/motd.old"), "removed in a later layer\n");
        Files.createDirectories(base.resolve("opt/legacy"));
        Files.writeString(base.resolve("opt/legacy/package-lock.json"), lock("left-pad", "1.3.0"));
        Path sshd = base.resolve("usr/sbin/sshd");
        Files.createDirectories(sshd.getParent());
        Files.writeString(sshd, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(sshd, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path helper = base.resolve("usr/local/bin/helper");
        Files.createDirectories(helper.getParent());
        Files.writeString(helper, "#!/bin/sh\n");
        Tools.run(dir, "chmod", "4755", helper.toString());
        Tools.run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "deploy", "-f", dir.resolve("deploy").toString());
        copy(dir.resolve("deploy.pub"), base.resolve("root/.ssh/authorized_keys"));

        Path app = dir.resolve("app");
        Files.createDirectories(app.resolve("app/config"));
        token = "ghp_" + random(36);
        Files.writeString(app.resolve("app/config/application.properties"), "github.token=" + token + "\n");
        copy(dir.resolve("deploy"), app.resolve("home/build/.ssh/id_ed25519"));
        copy(Path.of(DigestUtils.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                app.resolve("app/lib/commons-codec.jar"));
        Files.writeString(app.resolve("app/package-lock.json"), lock("lodash", "4.17.21"));

        Path replaced = dir.resolve("replaced");
        Files.createDirectories(replaced);
        Files.writeString(replaced.resolve("package-lock.json"), lock("is-number", "7.0.0"));

        image = TestImage.create(dir, "v1").layer(base).layer(app).whiteout("/etc/motd.old")
                .opaque(replaced, "/opt/legacy").config("--config.user", "root",
                        "--config.env", "API_TOKEN=" + "ghp_" + random(36));
    }

    static String lock(String name, String version) {
        return "{\"name\": \"x\", \"lockfileVersion\": 3, \"packages\": {\"\": {\"name\": \"x\"}, \"node_modules/" + name
                + "\": {\"version\": \"" + version + "\", \"license\": \"MIT\"}}}";
    }

    static String random(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    static ImageSbom read(ImageReference ref) throws Exception {
        try (ImageSource source = ImageSources.open(ref, ImageSources.Options.defaults())) {
            return new SbomGenerator().fromImage(source, SECRETS);
        }
    }

    /** name@version of every package this machine's dpkg database says is installed. */
    static List<String> installedDebs() throws Exception {
        List<String> out = new ArrayList<>();
        for (String stanza : Files.readString(Path.of("/var/lib/dpkg/status")).split("\n\n")) {
            Map<String, String> f = stanza.lines().filter(l -> !l.startsWith(" ") && l.contains(": "))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(": ")), l -> l.substring(l.indexOf(": ") + 2),
                            (a, b) -> a));
            if ("install ok installed".equals(f.get("Status"))) {
                out.add(f.get("Package") + "@" + f.get("Version"));
            }
        }
        return out;
    }

    @Test
    void theSameImageWithZstdLayersAsSkopeoWritesThemHasTheSameComponents() throws Exception {
        ImageSbom gzip = read(image.oci());
        ImageSbom zstd = read(image.zstd(dir.resolve("zstd-layout")));
        assertThat(zstd.image().manifestDigest()).isNotEqualTo(gzip.image().manifestDigest());
        assertThat(zstd.sbom().components()).extracting(Component::purl).containsExactlyInAnyOrderElementsOf(
                gzip.sbom().components().stream().map(Component::purl).toList());
    }

    @Test
    void everyInstalledDebianPackageIsInTheImageSbomWithItsDistroAndLayer() throws Exception {
        ImageSbom sbom = read(image.oci());
        List<String> debs = sbom.sbom().components().stream().filter(c -> c.ecosystem().equals("deb"))
                .map(c -> c.name() + "@" + c.version()).toList();
        assertThat(debs).containsExactlyInAnyOrderElementsOf(installedDebs());
        String distro = SbomGenerator.distro(Files.readString(Path.of("/etc/os-release")));
        Component bash = sbom.sbom().components().stream().filter(c -> c.name().equals("bash")).findFirst().orElseThrow();
        assertThat(bash.purl()).startsWith("pkg:deb/").contains("distro=" + distro);
        assertThat(sbom.layerOf(bash).index()).isZero();
        assertThat(sbom.image().manifestDigest()).isNotNull();
        assertThat(sbom.image().layers()).hasSize(4);
    }

    @Test
    void jarsAndLockfilesAreAttributedToTheLayerThatAddedThem() throws Exception {
        ImageSbom sbom = read(image.oci());
        Component codec = sbom.sbom().components().stream().filter(c -> c.name().equals("commons-codec")).findFirst()
                .orElseThrow();
        assertThat(codec.purl()).startsWith("pkg:maven/commons-codec/commons-codec@");
        assertThat(sbom.layerOf(codec).index()).isEqualTo(1);
        assertThat(purls(sbom)).contains("pkg:npm/lodash@4.17.21", "pkg:npm/is-number@7.0.0");
    }

    @Test
    void whiteoutsAndOpaqueDirectoriesRemoveWhatLowerLayersHeld() throws Exception {
        ImageSbom sbom = read(image.oci());
        assertThat(sbom.files()).doesNotContainKey("etc/motd.old").containsKey("etc/os-release");
        assertThat(purls(sbom)).doesNotContain("pkg:npm/left-pad@1.3.0");
        assertThat(sbom.files().get("opt/legacy/package-lock.json").layer()).isEqualTo(3);
    }

    @Test
    void contentPolicyNamesTheLayerOfEachFinding() throws Exception {
        ImageSbom sbom = read(image.oci());
        List<Finding> findings = new ContentPolicy(List.of("bash", "pkg:npm/lodash")).evaluate(sbom, SECRETS);
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(ContentPolicy.RULE_SSH_BINARY);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.location().file()).isEqualTo("usr/sbin/sshd");
            assertThat(f.message()).contains("layer 0 (sha256:");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(ContentPolicy.RULE_AUTHORIZED_KEYS);
            assertThat(f.location().file()).isEqualTo("root/.ssh/authorized_keys");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(ContentPolicy.RULE_SETUID);
            assertThat(f.location().file()).isEqualTo("usr/local/bin/helper");
        });
        assertThat(findings).anySatisfy(f -> assertThat(f.rule()).isEqualTo(ContentPolicy.RULE_ROOT));
        assertThat(findings).filteredOn(f -> f.rule().equals(ContentPolicy.RULE_DENIED))
                .extracting(f -> f.location().file()).containsExactlyInAnyOrder("var/lib/dpkg/status",
                        "app/package-lock.json");
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("github-pat");
            assertThat(f.location().file()).isEqualTo("app/config/application.properties");
            assertThat(f.message()).contains("layer 1 (");
        });
        assertThat(findings).anySatisfy(f -> assertThat(f.location().file()).isEqualTo("home/build/.ssh/id_ed25519"));
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("github-pat");
            assertThat(f.location().file()).startsWith("config/Env/");
        });
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain(token.substring(4)));
    }

    @Test
    void aDockerSaveArchiveGivesTheSameComponents() throws Exception {
        ImageSbom fromLayout = read(image.oci());
        ImageSbom fromArchive = read(image.dockerArchive(dir.resolve("image.tar")));
        assertThat(purls(fromArchive)).containsExactlyInAnyOrderElementsOf(purls(fromLayout));
        assertThat(fromArchive.image().manifestDigest()).isNull();
        assertThat(fromArchive.image().configDigest()).isEqualTo(fromLayout.image().configDigest());
    }

    @Test
    void theCycloneDxDocumentNamesTheImageAndEachComponentsLayer() throws Exception {
        ImageSbom sbom = read(image.oci());
        String json = CycloneDxWriter.json(sbom.sbom());
        assertThat(json).contains("\"type\" : \"container\"", sbom.image().manifestDigest().hex(),
                "pipeline-integrity:layer", sbom.image().layers().get(1).id());
        assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
        String xml = CycloneDxWriter.xml(sbom.sbom());
        assertThat(new XmlParser().validate(xml.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
    }

    static List<String> purls(ImageSbom sbom) {
        return sbom.sbom().components().stream().map(Component::purl).toList();
    }
}
