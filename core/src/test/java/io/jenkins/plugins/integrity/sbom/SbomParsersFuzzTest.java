package io.jenkins.plugins.integrity.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.oci.CraftedLayout;
import io.jenkins.plugins.integrity.oci.Digest;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.ImageSource;
import io.jenkins.plugins.integrity.oci.ImageSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fuzz tests of the SBOM's parsers of untrusted input: a cataloger returns components or throws
 * IllegalArgumentException; an image, layer or archive is read or refused with an InvalidInputException
 * naming it; nothing else escapes. `mvn verify` runs the seeds in src/test/resources/.../SbomParsersFuzzTestInputs;
 * `JAZZER_FUZZ=1 mvn test -Dtest=SbomParsersFuzzTest` fuzzes.
 */
class SbomParsersFuzzTest {
    /** A path each cataloger reads, so that every one of them sees the fuzzer's bytes. */
    private static final Map<Class<?>, String> PATHS = Map.ofEntries(
            Map.entry(NpmLockCataloger.class, "package-lock.json"), Map.entry(MavenPomCataloger.class, "pom.xml"),
            Map.entry(DpkgStatusCataloger.class, "var/lib/dpkg/status"),
            Map.entry(LineCatalogers.PythonRequirements.class, "requirements.txt"),
            Map.entry(LineCatalogers.GoMod.class, "go.mod"), Map.entry(LineCatalogers.CargoLock.class, "Cargo.lock"),
            Map.entry(LineCatalogers.GemfileLock.class, "Gemfile.lock"),
            Map.entry(LineCatalogers.ApkInstalled.class, "lib/apk/db/installed"),
            Map.entry(LockfileCatalogers.YarnLock.class, "yarn.lock"), Map.entry(LockfileCatalogers.PoetryLock.class,
                    "poetry.lock"), Map.entry(LockfileCatalogers.PipfileLock.class, "Pipfile.lock"),
            Map.entry(LockfileCatalogers.GradleLockfile.class, "gradle.lockfile"),
            Map.entry(LockfileCatalogers.NugetLock.class, "packages.lock.json"), Map.entry(JarCataloger.class, "app.jar"),
            Map.entry(InstalledCatalogers.NodeModules.class, "node_modules/x/package.json"),
            Map.entry(InstalledCatalogers.PythonInstalled.class, "x-1.dist-info/METADATA"),
            Map.entry(MoreLockfiles.PnpmLock.class, "pnpm-lock.yaml"), Map.entry(MoreLockfiles.UvLock.class, "uv.lock"),
            Map.entry(MoreLockfiles.GradleVerificationMetadata.class, "gradle/verification-metadata.xml"),
            Map.entry(GoBinaryCataloger.class, "usr/bin/tool"), Map.entry(RpmDbCataloger.class,
                    "var/lib/rpm/rpmdb.sqlite"), Map.entry(ComposerLockCataloger.class, "composer.lock"),
            Map.entry(DotnetDepsCataloger.class, "app/Web.deps.json"));
    private static final List<Cataloger> CATALOGERS = new SbomGenerator().catalogers();

    @FuzzTest(maxDuration = "60s")
    void catalogers(byte[] input) {
        for (Cataloger c : CATALOGERS) {
            String path = PATHS.get(c.getClass());
            assertThat(path).as(c.getClass().getName()).isNotNull();
            try {
                for (Component comp : c.catalog(path, input, "debian-12")) {
                    assertThat(comp.name()).isNotNull();
                    assertThat(comp.foundIn()).isEqualTo(path);
                }
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        for (String rpmdb : new String[] {"var/lib/rpm/Packages", "usr/lib/sysimage/rpm/Packages.db"}) {
            try { // the Berkeley DB and ndb forms of the rpm database
                new RpmDbCataloger().catalog(rpmdb, input, null);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        try { // the other file Composer's cataloger reads, where arrays are also accepted
            new ComposerLockCataloger().catalog("vendor/composer/installed.json", input, null);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void imageLayer(FuzzedDataProvider data) throws Exception {
        Path dir = Files.createTempDirectory("fuzz-image");
        try {
            byte[] tar = data.consumeRemainingAsBytes();
            ImageReference ref = new CraftedLayout(dir).rawLayer(tar, "application/vnd.oci.image.layer.v1.tar",
                    Digest.sha256(tar)).write();
            try (ImageSource s = ImageSources.open(ref, ImageSources.Options.defaults())) {
                new SbomGenerator().fromImage(s, null);
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).contains(dir.toString());
            }
        } finally {
            delete(dir);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void imageIndex(byte[] input) throws Exception {
        Path dir = Files.createTempDirectory("fuzz-index");
        try {
            new CraftedLayout(dir).layer(CraftedLayout.tar("a", "b")).write();
            Files.write(dir.resolve("index.json"), input);
            try (ImageSource s = ImageSources.open(ImageReference.parse("oci:" + dir), ImageSources.Options.defaults())) {
                assertThat(s.image().layers()).isNotNull();
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).contains(dir.toString());
            }
        } finally {
            delete(dir);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void archive(byte[] input) throws Exception {
        Path file = Files.createTempFile("fuzz", ".tar");
        try {
            Files.write(file, input);
            new SbomGenerator().fromArchive(file);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).contains(file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void delete(Path dir) throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
