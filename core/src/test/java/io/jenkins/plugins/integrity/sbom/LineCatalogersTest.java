package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python, Go, Cargo, Bundler and Alpine package lists, in the shapes their tools write. */
class LineCatalogersTest {
    @TempDir Path dir;

    private List<String> purls(String path, String text) throws Exception {
        return SbomFiles.purls(dir, path, text);
    }

    @Test
    void pinnedPythonRequirements() throws Exception {
        assertThat(purls("svc/requirements-prod.txt", """
                # pip freeze
                Django==5.0.6
                requests[socks] == 2.32.3 ; python_version >= "3.8"
                zope.interface===6.4
                flask>=3.0
                -r base.txt
                """)).containsExactly("pkg:pypi/django@5.0.6", "pkg:pypi/requests@2.32.3", "pkg:pypi/zope-interface@6.4");
    }

    @Test
    void goModRequirements() throws Exception {
        assertThat(purls("go.mod", """
                module example.com/app

                go 1.22

                require github.com/spf13/cobra v1.8.0
                require (
                	golang.org/x/sys v0.20.0 // indirect
                	gopkg.in/yaml.v3 v3.0.1
                )
                """)).containsExactly("pkg:golang/github.com/spf13/cobra@v1.8.0", "pkg:golang/golang.org/x/sys@v0.20.0",
                "pkg:golang/gopkg.in/yaml.v3@v3.0.1");
    }

    @Test
    void cargoLockPackagesFromARegistry() throws Exception {
        assertThat(purls("Cargo.lock", """
                version = 3

                [[package]]
                name = "app"
                version = "0.1.0"

                [[package]]
                name = "serde"
                version = "1.0.203"
                source = "registry+https://github.com/rust-lang/crates.io-index"
                checksum = "7253ab4de971e72fb7be983802300c30b5a7f0c2e56fab8abfc6a214307c0094"
                """)).containsExactly("pkg:cargo/serde@1.0.203");
    }

    @Test
    void gemfileLockSpecs() throws Exception {
        assertThat(purls("Gemfile.lock", """
                GEM
                  remote: https://rubygems.org/
                  specs:
                    nokogiri (1.16.5-x86_64-linux)
                      racc (~> 1.4)
                    racc (1.8.0)

                PLATFORMS
                  x86_64-linux
                """)).containsExactly("pkg:gem/nokogiri@1.16.5", "pkg:gem/racc@1.8.0");
    }

    @Test
    void alpineInstalledDatabase() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/os-release"), "ID=alpine\nVERSION_ID=3.20.0\n");
        assertThat(purls("lib/apk/db/installed", """
                C:Q1abc=
                P:musl
                V:1.2.5-r0
                A:x86_64
                L:MIT

                P:busybox
                V:1.36.1-r29
                A:x86_64
                L:GPL-2.0-only
                """)).containsExactly("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.0",
                "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20.0");
    }
}
