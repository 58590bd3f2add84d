package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real jars from Maven Central (on this test's class path), alone and nested as Spring Boot nests them. */
class JarCatalogerTest {
    @TempDir Path dir;

    private static byte[] jarOf(Class<?> type) throws Exception {
        return Files.readAllBytes(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }

    private static byte[] zip(String[] names, byte[][] contents) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < names.length; i++) {
                z.putNextEntry(new ZipEntry(names[i]));
                z.write(contents[i]);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aRealJarNamesItsMavenCoordinates() throws Exception {
        byte[] jackson = jarOf(com.fasterxml.jackson.databind.ObjectMapper.class);
        List<Component> found = new JarCataloger().catalog("lib/jackson-databind.jar", jackson, null);
        assertThat(found).extracting(Component::purl).singleElement().asString()
                .startsWith("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.");
    }

    @Test
    void nestedJarsOfASpringBootStyleArchiveAreReadToo() throws Exception {
        byte[] boot = zip(new String[] {"META-INF/MANIFEST.MF", "BOOT-INF/lib/jackson-databind.jar",
            "BOOT-INF/lib/re2j-1.8.jar", "BOOT-INF/classes/app.properties"},
                new byte[][] {"Manifest-Version: 1.0\nImplementation-Title: shop\nImplementation-Version: 1.2.3\n\n"
                        .getBytes(StandardCharsets.UTF_8), jarOf(com.fasterxml.jackson.databind.ObjectMapper.class),
                    jarOf(com.google.re2j.Pattern.class), "x=1".getBytes(StandardCharsets.UTF_8)});
        Files.write(dir.resolve("shop.jar"), boot);
        List<Component> found = new SbomGenerator().fromDirectory(dir).components();
        assertThat(found).extracting(Component::name).contains("jackson-databind", "re2j", "shop");
        assertThat(found).filteredOn(c -> c.name().equals("re2j")).singleElement()
                .satisfies(c -> {
                    assertThat(c.foundIn()).isEqualTo("shop.jar!/BOOT-INF/lib/re2j-1.8.jar");
                    assertThat(c.version()).isEqualTo("1.8");
                });
    }

    @Test
    void withoutPomPropertiesTheFileNameAndManifestNameTheJarAndNoGroupIsGuessed() throws Exception {
        byte[] jna = zip(new String[] {"META-INF/MANIFEST.MF"}, new byte[][] {("Manifest-Version: 1.0\n"
                + "Implementation-Title: com.sun.jna\nImplementation-Version: 5.13.0 (b0)\n"
                + "Bundle-SymbolicName: com.sun.jna\nBundle-Version: 5.13.0\n\n").getBytes(StandardCharsets.UTF_8)});
        assertThat(new JarCataloger().catalog("opt/lib/jna-5.13.0.jar", jna, null)).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("jna");
            assertThat(c.version()).isEqualTo("5.13.0");
            assertThat(c.purl()).isNull();
        });
        assertThat(new JarCataloger().catalog("opt/lib/jna.jar", jna, null)).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("com.sun.jna");
            assertThat(c.version()).isEqualTo("5.13.0");
        });
        byte[] stated = zip(new String[] {"META-INF/MANIFEST.MF"}, new byte[][] {("Manifest-Version: 1.0\n"
                + "Implementation-Vendor-Id: org.example\n\n").getBytes(StandardCharsets.UTF_8)});
        assertThat(new JarCataloger().catalog("lib/tool-2.0.1.jar", stated, null)).extracting(Component::purl)
                .containsExactly("pkg:maven/org.example/tool@2.0.1");
    }

    @Test
    void aZipBombEndsTheReadingNotTheMemory() throws Exception {
        byte[] bomb = zip(new String[] {"inner.jar"}, new byte[][] {new byte[4 << 20]});
        assertThatThrownBy(() -> new JarCataloger(1 << 20).catalog("bomb.jar", bomb, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zip bomb");
    }
}
