package io.jenkins.plugins.integrity.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    static final String HEX = "a".repeat(64);

    @Test
    void registryReferencesAreNormalisedAsDockerPullDoes() {
        ImageReference hub = ImageReference.parse("nginx");
        assertThat(hub.registry()).isEqualTo("docker.io");
        assertThat(hub.repository()).isEqualTo("library/nginx");
        assertThat(hub.tag()).isEqualTo("latest");
        ImageReference local = ImageReference.parse("127.0.0.1:5000/team/app:1.2@sha256:" + HEX);
        assertThat(local.registry()).isEqualTo("127.0.0.1:5000");
        assertThat(local.repository()).isEqualTo("team/app");
        assertThat(local.tag()).isEqualTo("1.2");
        assertThat(local.digest().hex()).isEqualTo(HEX);
        assertThat(ImageReference.parse("docker://ghcr.io/org/img:v1").registry()).isEqualTo("ghcr.io");
        assertThat(ImageReference.parse("localhost/app").registry()).isEqualTo("localhost");
        assertThat(ImageReference.parse("org/app").repository()).isEqualTo("org/app");
    }

    @Test
    void localTransportsNameAPathAndAnOptionalTag() {
        ImageReference oci = ImageReference.parse("oci:build/image:v2");
        assertThat(oci.transport()).isEqualTo(ImageReference.Transport.OCI_LAYOUT);
        assertThat(oci.path()).isEqualTo(Path.of("build/image"));
        assertThat(oci.tag()).isEqualTo("v2");
        assertThat(ImageReference.parse("oci:build/image").tag()).isNull();
        ImageReference archive = ImageReference.parse("docker-archive:out/app.tar:team/app:1.0");
        assertThat(archive.path()).isEqualTo(Path.of("out/app.tar"));
        assertThat(archive.tag()).isEqualTo("team/app:1.0");
        assertThat(ImageReference.parse("oci-archive:app.tar").transport()).isEqualTo(ImageReference.Transport.OCI_ARCHIVE);
    }

    @Test
    void malformedReferencesAreRefusedSayingWhy() {
        assertThatThrownBy(() -> ImageReference.parse("")).hasMessageContaining("missing");
        assertThatThrownBy(() -> ImageReference.parse("Team/App")).hasMessageContaining("not a valid repository name");
        assertThatThrownBy(() -> ImageReference.parse("app:bad tag")).hasMessageContaining("not a valid tag");
        assertThatThrownBy(() -> ImageReference.parse("app@sha256:xyz")).hasMessageContaining("not a sha256");
        assertThatThrownBy(() -> ImageReference.parse("app@md5:" + HEX)).hasMessageContaining("not a sha256");
        assertThatThrownBy(() -> ImageReference.parse("oci:")).hasMessageContaining("names no directory");
    }

    @Test
    void platformsParseAndMatchVariantsOnlyWhenAsked() {
        assertThat(Platform.of("linux/arm64/v8").accepts(new Platform("linux", "arm64", "v8"))).isTrue();
        assertThat(Platform.of("linux/arm64").accepts(new Platform("linux", "arm64", "v8"))).isTrue();
        assertThat(Platform.of("linux/arm/v7").accepts(new Platform("linux", "arm", "v6"))).isFalse();
        assertThatThrownBy(() -> Platform.of("linux")).hasMessageContaining("os/arch");
    }
}
