package io.jenkins.plugins.integrity.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store: built on the first load, read instead of the sources on the next, re-reading only a source
 * that changed (the newer record winning), and rebuilt from the sources when it is damaged.
 */
class OsvStoreTest {
    @TempDir
    Path dir;

    private Path zip(String name, String... records) throws Exception {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            int i = 0;
            for (String r : records) {
                out.putNextEntry(new ZipEntry("r" + i++ + ".json"));
                out.write(r.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private static List<String> matches(VulnerabilityDatabase db, String version) {
        return new VulnerabilityScanner(db).scan(List.of(VulnerabilityScannerTest.maven(version)), "x",
                Gate.failOn(Severity.HIGH)).matches().stream().map(m -> m.id() + " " + m.fixedIn()).toList();
    }

    @Test
    void theStoreIsReadInsteadOfTheSourcesUntilOneChanges() throws Exception {
        Path maven = zip("Maven.zip", VulnerabilityScannerTest.LOG4SHELL);
        Path npm = zip("npm.zip", VulnerabilityScannerTest.SEMVER_REDOS);
        Path cache = dir.resolve("cache");
        OsvStore.Loaded first = OsvStore.load(List.of(maven, npm), cache);
        assertThat(first.sourcesRead()).isEqualTo(2);
        assertThat(matches(first.database(), "2.14.1")).containsExactly("CVE-2021-44228 2.15.0");
        OsvStore.Loaded second = OsvStore.load(List.of(maven, npm), cache);
        assertThat(second.sourcesRead()).isZero();
        assertThat(second.sourcesCached()).isEqualTo(2);
        assertThat(matches(second.database(), "2.14.1")).containsExactly("CVE-2021-44228 2.15.0");
        assertThat(matches(second.database(), "2.15.0")).isEmpty();
        assertThat(second.database().records()).isEqualTo(2);

        // the Maven export is refreshed: a newer revision of the record moves the fix; only it is read again
        String revised = VulnerabilityScannerTest.LOG4SHELL.replace("2024-03-15T16:52:01Z", "2025-01-01T00:00:00Z")
                .replace("{\"fixed\": \"2.15.0\"}", "{\"fixed\": \"2.16.0\"}");
        zip("Maven.zip", revised);
        Files.setLastModifiedTime(maven, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        OsvStore.Loaded third = OsvStore.load(List.of(maven, npm), cache);
        assertThat(third.sourcesRead()).isEqualTo(1);
        assertThat(third.sourcesCached()).isEqualTo(1);
        assertThat(matches(third.database(), "2.15.0")).containsExactly("CVE-2021-44228 2.16.0");
    }

    @Test
    void aDamagedStoreIsRebuiltFromTheSources() throws Exception {
        Path maven = zip("Maven.zip", VulnerabilityScannerTest.LOG4SHELL);
        Path cache = dir.resolve("cache");
        OsvStore.load(List.of(maven), cache);
        Path store = cache.resolve(OsvStore.FILE);
        byte[] bytes = Files.readAllBytes(store);
        // cut anywhere: never an index that reads as valid; the records come from the source, or from the store's
        // own copy of it when the cut spared that, and the store is written whole again
        for (int cut = 1; cut < bytes.length; cut += Math.max(1, bytes.length / 97)) {
            Files.write(store, java.util.Arrays.copyOf(bytes, cut));
            OsvStore.Loaded truncated = OsvStore.load(List.of(maven), cache);
            assertThat(matches(truncated.database(), "2.14.1")).as("cut at %d of %d", cut, bytes.length).hasSize(1);
            assertThat(Files.readAllBytes(store)).as("rewritten after the cut at %d", cut).isEqualTo(bytes);
        }
        Files.write(store, java.util.Arrays.copyOf(bytes, bytes.length / 4));
        assertThat(OsvStore.load(List.of(maven), cache).sourcesRead()).as("a cut in the source's section").isEqualTo(1);
        Files.writeString(store, "not a store");
        assertThat(OsvStore.load(List.of(maven), cache).sourcesRead()).isEqualTo(1);
        assertThat(OsvStore.load(List.of(maven), cache).sourcesRead()).isZero();
        // a group whose bytes were altered after it was indexed is an error naming the store, not a silent pass
        OsvStore.Loaded good = OsvStore.load(List.of(maven), cache);
        assertThat(good.sourcesRead()).isZero();
        bytes = Files.readAllBytes(store);
        long indexAt = java.nio.ByteBuffer.wrap(bytes, bytes.length - 20, 8).getLong();
        for (int i = (int) indexAt - 40; i < indexAt - 4; i++) {
            bytes[i] = (byte) 0xff;
        }
        Files.write(store, bytes);
        OsvStore.Loaded altered = OsvStore.load(List.of(maven), cache);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> matches(altered.database(), "2.14.1"))
                .hasMessageContaining(store.toString()).hasMessageContaining("damaged");
        // without a cache folder, every load reads the sources
        assertThat(OsvStore.load(List.of(maven), null).sourcesRead()).isEqualTo(1);
    }
}
