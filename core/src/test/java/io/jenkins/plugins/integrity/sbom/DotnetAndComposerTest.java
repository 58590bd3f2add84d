package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published .NET application's deps.json, in the layout dotnet publish writes, and a composer.lock that
 * Debian's composer writes itself, offline, from path and package repositories.
 */
class DotnetAndComposerTest {
    @Test
    void theNugetPackagesOfAPublishedDotnetApplication() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-512").digest("newtonsoft".getBytes(StandardCharsets.UTF_8));
        String deps = """
                {
                  "runtimeTarget": {"name": ".NETCoreApp,Version=v8.0", "signature": ""},
                  "compilationOptions": {},
                  "targets": {
                    ".NETCoreApp,Version=v8.0": {
                      "Web/1.0.0": {
                        "dependencies": {"Newtonsoft.Json": "13.0.3", "Serilog.AspNetCore": "8.0.1", "Shared": "1.0.0"},
                        "runtime": {"Web.dll": {}}
                      },
                      "Newtonsoft.Json/13.0.3": {
                        "runtime": {"lib/net6.0/Newtonsoft.Json.dll": {"assemblyVersion": "13.0.0.0", "fileVersion": "13.0.3.27908"}}
                      },
                      "Serilog.AspNetCore/8.0.1": {
                        "dependencies": {"Serilog": "3.1.1", "Microsoft.Extensions.Logging": "8.0.0"},
                        "runtime": {"lib/net8.0/Serilog.AspNetCore.dll": {}}
                      },
                      "Serilog/3.1.1": {"runtime": {"lib/net7.0/Serilog.dll": {}}},
                      "Shared/1.0.0": {"runtime": {"Shared.dll": {}}}
                    }
                  },
                  "libraries": {
                    "Web/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
                    "Newtonsoft.Json/13.0.3": {"type": "package", "serviceable": true, "sha512": "sha512-%s",
                      "path": "newtonsoft.json/13.0.3", "hashPath": "newtonsoft.json.13.0.3.nupkg.sha512"},
                    "Serilog.AspNetCore/8.0.1": {"type": "package", "serviceable": true, "sha512": "",
                      "path": "serilog.aspnetcore/8.0.1"},
                    "Serilog/3.1.1": {"type": "package", "serviceable": true, "sha512": "sha512-not base64!"},
                    "Shared/1.0.0": {"type": "project", "serviceable": false, "sha512": ""}
                  }
                }""".formatted(Base64.getEncoder().encodeToString(digest));
        List<Component> found = new DotnetDepsCataloger().catalog("app/Web.deps.json",
                deps.getBytes(StandardCharsets.UTF_8), "debian-12");

        assertThat(found).extracting(Component::purl).containsExactly("pkg:nuget/Newtonsoft.Json@13.0.3",
                "pkg:nuget/Serilog.AspNetCore@8.0.1", "pkg:nuget/Serilog@3.1.1");
        assertThat(found.get(0).hashes()).containsExactly(java.util.Map.entry("SHA-512", HexFormat.of().formatHex(digest)));
        assertThat(found.get(1).dependsOn()).containsExactly("pkg:nuget/Serilog@3.1.1"); // Logging is the framework's
        assertThat(found.get(2).hashes()).isEmpty();
        assertThat(new DotnetDepsCataloger().handles("app/Web.deps.json")).isTrue();
        assertThat(new DotnetDepsCataloger().handles("app/Web.runtimeconfig.json")).isFalse();
    }

    @Test
    void aDepsFileWithoutLibrariesIsRefused() {
        assertThatThrownBy(() -> new DotnetDepsCataloger().catalog("x.deps.json", "{\"targets\": {}}".getBytes(), null))
                .hasMessage("not a .NET deps.json (no 'libraries' object)");
        assertThatThrownBy(() -> new DotnetDepsCataloger().catalog("x.deps.json", "[1]".getBytes(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLockFileComposerWrites(@TempDir Path dir) throws Exception {
        write(dir.resolve("pkgs/log/composer.json"), """
                {"name": "acme/log", "version": "1.4.2", "license": "MIT", "require": {"php": ">=8.0"}}""");
        write(dir.resolve("pkgs/http/composer.json"), """
                {"name": "acme/http-client", "version": "v2.0.1", "license": ["Apache-2.0", "MIT"],
                 "require": {"acme/log": "^1.4", "ext-json": "*"}}""");
        write(dir.resolve("app/composer.json"), """
                {"name": "acme/app", "require": {"acme/http-client": "^2.0"}, "require-dev": {"acme/testkit": "*"},
                 "repositories": [
                   {"type": "path", "url": "../pkgs/*", "options": {"symlink": false}},
                   {"type": "package", "package": {"name": "acme/testkit", "version": "0.9.0", "license": "BSD-3-Clause",
                     "dist": {"type": "zip", "url": "https://example.invalid/testkit-0.9.0.zip",
                              "shasum": "7234f6d32812ed15448a21f92f540515b00fea21"}}},
                   {"packagist.org": false}]}""");
        composer(dir, "--no-install");

        List<Component> found = new ComposerLockCataloger().catalog("app/composer.lock",
                Files.readAllBytes(dir.resolve("app/composer.lock")), null);

        assertThat(found).extracting(Component::purl).containsExactly("pkg:composer/acme/http-client@v2.0.1",
                "pkg:composer/acme/log@1.4.2", "pkg:composer/acme/testkit@0.9.0");
        assertThat(found.get(0).licenses()).containsExactly("Apache-2.0", "MIT");
        assertThat(found.get(0).dependsOn()).containsExactly("pkg:composer/acme/log@1.4.2"); // not ext-json
        assertThat(found.get(1).dependsOn()).isEmpty(); // php is the platform
        assertThat(found.get(2).hashes()).containsExactly(
                java.util.Map.entry("SHA-1", "7234f6d32812ed15448a21f92f540515b00fea21"));
        assertThat(found.get(0).hashes()).isEmpty(); // a path repository has no archive
    }

    @Test
    void aLockWhosePackagesAreNotAListIsRefused() {
        assertThatThrownBy(() -> new ComposerLockCataloger().catalog("composer.lock",
                "{\"packages\": {\"a/b\": \"1\"}}".getBytes(StandardCharsets.UTF_8), null))
                .hasMessage("'packages' is not an array");
        assertThatThrownBy(() -> new ComposerLockCataloger().catalog("composer.lock", "[]".getBytes(), null))
                .hasMessage("not a JSON object");
    }

    @Test
    void whatComposerInstalled(@TempDir Path dir) throws Exception {
        write(dir.resolve("pkgs/log/composer.json"), """
                {"name": "acme/log", "version": "1.4.2", "license": "MIT"}""");
        write(dir.resolve("pkgs/http/composer.json"), """
                {"name": "acme/http-client", "version": "v2.0.1", "license": "MIT", "require": {"acme/log": "^1.4"}}""");
        write(dir.resolve("app/composer.json"), """
                {"name": "acme/app", "require": {"acme/http-client": "^2.0"},
                 "repositories": [{"type": "path", "url": "../pkgs/*", "options": {"symlink": false}},
                                  {"packagist.org": false}]}""");
        composer(dir);
        Files.delete(dir.resolve("app/composer.lock")); // as in an image that kept only vendor/
        String installed = "app/vendor/composer/installed.json";
        ComposerLockCataloger cataloger = new ComposerLockCataloger();
        assertThat(cataloger.handles(installed)).isTrue();
        assertThat(cataloger.handles("app/vendor/acme/log/composer.json")).isFalse();

        List<Component> found = cataloger.catalog(installed, Files.readAllBytes(dir.resolve(installed)), null);

        assertThat(found).extracting(Component::purl).containsExactlyInAnyOrder("pkg:composer/acme/http-client@v2.0.1",
                "pkg:composer/acme/log@1.4.2");
        assertThat(found).filteredOn(c -> c.name().equals("http-client")).singleElement()
                .satisfies(c -> assertThat(c.dependsOn()).containsExactly("pkg:composer/acme/log@1.4.2"));
        // Composer 1 wrote the list alone
        assertThat(cataloger.catalog(installed, "[{\"name\": \"a/b\", \"version\": \"1.0.0\"}]"
                .getBytes(StandardCharsets.UTF_8), null)).extracting(Component::purl).containsExactly("pkg:composer/a/b@1.0.0");
        assertThatThrownBy(() -> cataloger.catalog(installed, "\"x\"".getBytes(StandardCharsets.UTF_8), null))
                .hasMessage("not Composer's installed.json (neither an object nor a list)");
    }

    /** Debian's composer, offline, run as {@code composer update} in dir/app with its own home. */
    private static void composer(Path dir, String... options) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("env", "COMPOSER_HOME=" + dir.resolve("home"),
                "COMPOSER_ALLOW_SUPERUSER=1", "composer", "update", "--no-interaction", "--no-audit",
                "--ignore-platform-reqs"));
        cmd.addAll(List.of(options));
        Tools.run(dir.resolve("app"), cmd.toArray(String[]::new));
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
