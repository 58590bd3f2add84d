package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoBinaryCatalogerTest {
    private final GoBinaryCataloger cataloger = new GoBinaryCataloger();

    /** The build information section as the Go 1.18+ linker lays it out: header, then two inline strings. */
    static byte[] binary(String goVersion, String modinfo) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[4096]); // the rest of the program
        b.writeBytes("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        b.write(8);
        b.write(2);
        b.writeBytes(new byte[16]);
        for (String s : new String[] {goVersion, "0123456789abcdef" + modinfo + "fedcba9876543210"}) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            int n = bytes.length;
            while (n >= 0x80) {
                b.write((n & 0x7f) | 0x80);
                n >>>= 7;
            }
            b.write(n);
            b.writeBytes(bytes);
        }
        b.writeBytes(new byte[512]);
        return b.toByteArray();
    }

    @Test
    void modulesDependenciesAndReplacementsAsGoVersionMListsThem() {
        byte[] program = binary("go1.22.5", String.join("\n",
                "path\texample.com/tool/cmd/tool",
                "mod\texample.com/tool\tv1.4.0\th1:abc=",
                "dep\tgithub.com/spf13/cobra\tv1.8.1\th1:def=",
                "dep\tgolang.org/x/sys\tv0.20.0",
                "=>\tgolang.org/x/sys\tv0.21.0\th1:ghi=",
                "build\t-compiler=gc", ""));
        List<Component> found = cataloger.catalog("usr/local/bin/tool", program, null);
        assertThat(found).extracting(Component::purl).containsExactly("pkg:golang/stdlib@1.22.5",
                "pkg:golang/example.com/tool@v1.4.0", "pkg:golang/github.com/spf13/cobra@v1.8.1",
                "pkg:golang/golang.org/x/sys@v0.21.0");
    }

    @Test
    void thisMachinesRegistryIsAGoProgram() throws Exception {
        Path registry = Path.of("/usr/bin/docker-registry");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(registry));
        assertThat(cataloger.handles("usr/bin/docker-registry", true)).isTrue();
        List<Component> found = cataloger.catalog("usr/bin/docker-registry", Files.readAllBytes(registry), null);
        assertThat(found).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("stdlib");
            assertThat(c.version()).matches("\\d+\\.\\d+(\\.\\d+)?");
        });
    }

    @Test
    void otherProgramsAndFilesAreNotGoPrograms() throws Exception {
        assertThat(cataloger.handles("usr/bin/tool", false)).isFalse();
        assertThat(cataloger.handles("usr/bin/run.sh", true)).isFalse();
        assertThat(cataloger.catalog("bin/true", Files.readAllBytes(Path.of("/bin/true")), null)).isEmpty();
    }

    @Test
    void aHeaderWhoseStringsRunPastTheFileIsRefused() {
        byte[] program = binary("go1.22.5", "mod\tx\tv1");
        byte[] truncated = java.util.Arrays.copyOf(program, 4096 + 32 + 3);
        assertThatThrownBy(() -> cataloger.catalog("bin/x", truncated, null))
                .hasMessageContaining("run past the file");
    }
}
