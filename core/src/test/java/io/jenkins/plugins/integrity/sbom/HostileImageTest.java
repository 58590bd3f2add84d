package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.oci.CraftedLayout;
import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.ImageSource;
import io.jenkins.plugins.integrity.oci.ImageSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images no builder writes: each is refused with an error naming the image and what is wrong, and no SBOM. */
class HostileImageTest {
    @TempDir
    Path dir;

    static final String STATUS = "Package: bash\nStatus: install ok installed\nVersion: 5.2\nArchitecture: amd64\n\n";

    private static ImageSbom read(ImageReference ref) throws Exception {
        try (ImageSource source = ImageSources.open(ref, ImageSources.Options.defaults())) {
            return new SbomGenerator().fromImage(source, null);
        }
    }

    @Test
    void aWellFormedCraftedImageIsRead() throws Exception {
        ImageReference ref = new CraftedLayout(dir).layer(CraftedLayout.tar("var/lib/dpkg/status", STATUS)).write();
        assertThat(read(ref).sbom().components()).extracting(Component::name).containsExactly("bash");
    }

    @Test
    void aConfigurationFileAsItsPackageShippedItIsNotABakedInSecret() throws Exception {
        // built at run time, so that this source holds no secret-shaped text for the self-scan to find
        String tag = "pass" + "word";
        String shipped = "# example from the package's documentation\n<" + tag + ">repopwd</" + tag + ">\n";
        String changed = shipped + "<" + tag + ">Zx81!kq7" + "Lm2Vr9Tp</" + tag + ">\n";
        String md5 = org.apache.commons.codec.digest.DigestUtils.md5Hex(shipped);
        String status = "Package: maven\nStatus: install ok installed\nVersion: 3.8.7-1\nArchitecture: all\n"
                + "Conffiles:\n /etc/maven/settings.xml " + md5 + "\n /etc/maven/old.conf 0123456789abcdef0123456789abcdef obsolete\n\n";
        io.jenkins.plugins.integrity.secrets.SecretScanner secrets =
                new io.jenkins.plugins.integrity.secrets.SecretScanner(io.jenkins.plugins.integrity.secrets.RuleSet.builtIn());
        for (String content : new String[] {shipped, changed}) {
            Path layout = dir.resolve(content == shipped ? "shipped" : "changed");
            ImageReference ref = new CraftedLayout(layout).layer(CraftedLayout.tar("var/lib/dpkg/status", status,
                    "etc/maven/settings.xml", content)).write();
            ImageSbom sbom;
            try (ImageSource source = ImageSources.open(ref, ImageSources.Options.defaults())) {
                sbom = new SbomGenerator().fromImage(source, secrets);
            }
            if (content == shipped) {
                assertThat(sbom.fileFindings()).isEmpty();
            } else {
                // the shipped line is reported too once the file is changed: it was the digest that spared it
                assertThat(sbom.fileFindings()).allSatisfy(f -> assertThat(f.location().file())
                        .isEqualTo("etc/maven/settings.xml")).extracting(f -> f.location().line()).contains(2, 3);
            }
        }
    }

    @Test
    void aPathThatClimbsOutOfTheRootIsRefused() throws Exception {
        ImageReference ref = new CraftedLayout(dir).layer(CraftedLayout.tar("usr/../../etc/cron.d/x", "boom")).write();
        assertThatThrownBy(() -> read(ref)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("layer 0").hasMessageContaining("climbs out of the root");
    }

    @Test
    void aLayerWhoseBytesDoNotMatchItsDigestIsRefused() throws Exception {
        CraftedLayout layout = new CraftedLayout(dir);
        byte[] tar = CraftedLayout.tar("var/lib/dpkg/status", STATUS);
        byte[] blob = CraftedLayout.gzip(tar);
        layout.rawLayer(blob, "application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256(tar));
        ImageReference ref = layout.write();
        byte[] tampered = CraftedLayout.gzip(CraftedLayout.tar("var/lib/dpkg/status", STATUS.replace("5.2", "9.9")));
        Files.write(layout.blobPath(Digest.sha256(blob)), tampered);
        assertThatThrownBy(() -> read(ref)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(Digest.sha256(blob).toString());
    }

    @Test
    void anUncompressedTarThatDoesNotMatchItsDiffIdIsRefused() throws Exception {
        byte[] tar = CraftedLayout.tar("var/lib/dpkg/status", STATUS);
        ImageReference ref = new CraftedLayout(dir).rawLayer(CraftedLayout.gzip(tar),
                "application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256("other".getBytes())).write();
        assertThatThrownBy(() -> read(ref)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(uncompressed) does not match");
    }

    @Test
    void aTruncatedGzipLayerIsRefused() throws Exception {
        byte[] tar = CraftedLayout.tar("var/lib/dpkg/status", STATUS.repeat(200));
        byte[] gz = CraftedLayout.gzip(tar);
        ImageReference ref = new CraftedLayout(dir).rawLayer(Arrays.copyOf(gz, gz.length / 2),
                "application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256(tar)).write();
        assertThatThrownBy(() -> read(ref)).isInstanceOf(InvalidInputException.class).hasMessageContaining("layer 0");
    }

    @Test
    void aZstdLayerIsReadAndACorruptOrTruncatedOneIsRefused() throws Exception {
        byte[] tar = CraftedLayout.tar("var/lib/dpkg/status", STATUS);
        byte[] zst = CraftedLayout.zstd(tar);
        String type = "application/vnd.oci.image.layer.v1.tar+zstd";
        ImageSbom ok = read(new CraftedLayout(dir.resolve("ok")).rawLayer(zst, type, Digest.sha256(tar)).write());
        assertThat(ok.sbom().components()).extracting(Component::name).containsExactly("bash");
        // found by its magic number when the media type does not say
        ImageSbom sniffed = read(new CraftedLayout(dir.resolve("sniffed")).rawLayer(zst,
                "application/vnd.docker.image.rootfs.diff.tar", Digest.sha256(tar)).write());
        assertThat(sniffed.sbom().components()).extracting(Component::name).containsExactly("bash");
        byte[] corrupt = zst.clone();
        for (int i = 12; i < corrupt.length - 4; i += 7) {
            corrupt[i] ^= 0x5a;
        }
        ImageReference bad = new CraftedLayout(dir.resolve("bad")).rawLayer(corrupt, type, Digest.sha256(tar)).write();
        assertThatThrownBy(() -> read(bad)).isInstanceOf(InvalidInputException.class).hasMessageContaining("layer 0");
        ImageReference cut = new CraftedLayout(dir.resolve("cut")).rawLayer(Arrays.copyOf(zst, zst.length / 2), type,
                Digest.sha256(tar)).write();
        assertThatThrownBy(() -> read(cut)).isInstanceOf(InvalidInputException.class).hasMessageContaining("layer 0");
        // a byte changed anywhere, as a stored blob's digest would not catch if it was recorded after the damage
        java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < 60; n++) {
            byte[] damaged = zst.clone();
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
            ImageReference ref = new CraftedLayout(dir.resolve("damaged" + n)).rawLayer(damaged, type,
                    Digest.sha256(tar)).write();
            try {
                assertThat(read(ref).sbom().components()).extracting(Component::name).containsExactly("bash");
            } catch (InvalidInputException e) {
                assertThat(e).hasMessageContaining("layer 0");
            }
        }
        ImageReference notZstd = new CraftedLayout(dir.resolve("not")).rawLayer(tar, type, Digest.sha256(tar)).write();
        assertThatThrownBy(() -> read(notZstd)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("layer 0");
    }

    @Test
    void anUnknownLayerMediaTypeIsRefused() throws Exception {
        byte[] tar = CraftedLayout.tar("a", "b");
        ImageReference ref = new CraftedLayout(dir).rawLayer(tar, "application/x-unknown", Digest.sha256(tar)).write();
        assertThatThrownBy(() -> read(ref)).hasMessageContaining("unknown media type application/x-unknown");
    }

    @Test
    void anArtifactIsNotTakenForAnImage() throws Exception {
        ImageReference ref = new CraftedLayout(dir).configMediaType("application/vnd.dev.cosign.artifact.sig.v1+json")
                .layer(CraftedLayout.tar("a", "b")).write();
        assertThatThrownBy(() -> read(ref)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a container image");
    }

    @Test
    void aDigestThatWouldEscapeTheBlobsDirectoryIsRefused() throws Exception {
        new CraftedLayout(dir).layer(CraftedLayout.tar("a", "b")).write();
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:../../../../etc/passwd\",\"size\":10}]}");
        assertThatThrownBy(() -> read(ImageReference.parse("oci:" + dir))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a sha256 or sha512 digest");
    }

    @Test
    void wrongTypesAndOversizedDocumentsAreRefused() throws Exception {
        new CraftedLayout(dir).layer(CraftedLayout.tar("a", "b")).write();
        Files.writeString(dir.resolve("index.json"), "[]");
        assertThatThrownBy(() -> read(ImageReference.parse("oci:" + dir))).hasMessageContaining("not a JSON object");
        Files.writeString(dir.resolve("index.json"), "{\"manifests\": \"x\"}");
        assertThatThrownBy(() -> read(ImageReference.parse("oci:" + dir))).hasMessageContaining("no manifests list");
        Files.write(dir.resolve("index.json"), new byte[5 << 20]);
        assertThatThrownBy(() -> read(ImageReference.parse("oci:" + dir))).hasMessageContaining("larger than 4 MiB");
    }

    @Test
    void anUnknownTagNamesTheTagsThereAre() throws Exception {
        ImageReference ref = new CraftedLayout(dir).layer(CraftedLayout.tar("a", "b")).write();
        assertThatThrownBy(() -> read(ImageReference.parse("oci:" + ref.path() + ":nope")))
                .hasMessageContaining("no image tagged 'nope'").hasMessageContaining("tags: t");
    }

    @Test
    void aMissingLayoutOrArchiveIsNamed() {
        assertThatThrownBy(() -> read(ImageReference.parse("oci:" + dir.resolve("none"))))
                .hasMessageContaining("no such directory");
        assertThatThrownBy(() -> read(ImageReference.parse("docker-archive:" + dir.resolve("none.tar"))))
                .hasMessageContaining("no such file");
    }

    @Test
    void anArchiveThatIsNotATarIsRefused() throws Exception {
        Path bogus = dir.resolve("image.tar");
        Files.writeString(bogus, "not a tar at all, just text that goes on ".repeat(40));
        assertThatThrownBy(() -> read(ImageReference.parse("docker-archive:" + bogus)))
                .isInstanceOf(InvalidInputException.class);
    }
}
