package io.jenkins.plugins.integrity.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and malformed OSV data is refused naming the file (and the zip entry), never half-read. */
class OsvSourceTest {
    @TempDir
    Path dir;

    private Path zip(String name, String... entries) throws Exception {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < entries.length; i += 2) {
                out.putNextEntry(new ZipEntry(entries[i]));
                out.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private static String refusal(String json) {
        try {
            OsvParser.parse(json.getBytes(StandardCharsets.UTF_8), "r.json");
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void malformedRecordsAreRefusedWithTheReason() {
        assertThat(refusal("{")).contains("r.json").contains("not JSON");
        assertThat(refusal("[]")).contains("not an OSV record");
        assertThat(refusal("{\"modified\": \"2024-01-01T00:00:00Z\"}")).contains("has no id");
        assertThat(refusal("{\"id\": 7, \"modified\": \"2024-01-01T00:00:00Z\"}")).contains("id is not a string");
        assertThat(refusal("{\"id\": \"X-1\"}")).contains("has no modified");
        assertThat(refusal("{\"id\": \"X-1\", \"modified\": \"yesterday\"}")).contains("not an RFC 3339 time");
        assertThat(refusal("{\"id\": \"X-1\", \"modified\": \"2024-01-01T00:00:00Z\", \"affected\": {}}"))
                .contains("affected is not an array");
        assertThat(refusal("{\"id\": \"X-1\", \"modified\": \"2024-01-01T00:00:00Z\", \"aliases\": [1]}"))
                .contains("aliases holds a non-string");
        String base = "{\"id\": \"X-1\", \"modified\": \"2024-01-01T00:00:00Z\", \"affected\": [{\"package\": "
                + "{\"ecosystem\": \"npm\", \"name\": \"a\"}, \"ranges\": [";
        assertThat(refusal(base + "{\"type\": \"SEMVER\", \"events\": []}]}]}")).contains("events is not a non-empty");
        assertThat(refusal(base + "{\"type\": \"SEMVER\", \"events\": [{\"broken\": \"1.0.0\"}]}]}]}"))
                .contains("unknown kind 'broken'");
        assertThat(refusal(base + "{\"type\": \"SEMVER\", \"events\": [{\"fixed\": 2}]}]}]}"))
                .contains("events[].fixed is not a version");
        assertThat(refusal(base + "{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\", \"fixed\": \"1\"}]}]}]}"))
                .contains("an object of one event");
        assertThat(refusal("{\"id\": \"X-1\", \"modified\": \"2024-01-01T00:00:00Z\", \"severity\": [{\"type\": 1}]}"))
                .contains("severity without a type and a score");
    }

    @Test
    void aBadEntryInAZipIsNamedByZipAndEntryAndNothingIsKept() throws Exception {
        Path zip = zip("all.zip", "GOOD-1.json", "{\"id\": \"GOOD-1\", \"modified\": \"2024-01-01T00:00:00Z\"}",
                "BAD-2.json", "{\"id\": \"BAD-2\"}");
        assertThatThrownBy(() -> VulnerabilityDatabase.load(List.of(zip))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(zip + "!BAD-2.json").hasMessageContaining("has no modified");
    }

    @Test
    void aTruncatedZipAMissingPathAndAnOversizedRecordAreRefused() throws Exception {
        Path zip = zip("cut.zip", "A.json", "{\"id\": \"A\", \"modified\": \"2024-01-01T00:00:00Z\"}");
        byte[] bytes = Files.readAllBytes(zip);
        Path cut = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> VulnerabilityDatabase.load(List.of(cut))).hasMessageContaining("truncated.zip");
        assertThatThrownBy(() -> VulnerabilityDatabase.load(List.of(dir.resolve("absent"))))
                .hasMessageContaining("no such file or directory");
        Path big = Files.write(dir.resolve("big.json"), new byte[(int) OsvSource.MAX_RECORD + 1]);
        assertThatThrownBy(() -> VulnerabilityDatabase.load(List.of(big))).hasMessageContaining("big.json")
                .hasMessageContaining("larger than 8 MiB");
        // a zip entry that inflates past the limit (a zip bomb) is refused the same way
        StringBuilder huge = new StringBuilder("{\"id\": \"B\", \"modified\": \"2024-01-01T00:00:00Z\", \"details\": \"");
        huge.append("a".repeat((int) OsvSource.MAX_RECORD)).append("\"}");
        Path bomb = zip("bomb.zip", "B.json", huge.toString());
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertThatThrownBy(() -> VulnerabilityDatabase.load(List.of(bomb))).hasMessageContaining("bomb.zip!B.json")
                .hasMessageContaining("larger than");
    }

    @Test
    void aDirectoryOfRecordsAndZipsIsReadAndTheNewestOfEachIdKept() throws Exception {
        Path d = Files.createDirectories(dir.resolve("osv/npm"));
        Files.writeString(d.resolve("A.json"), "{\"id\": \"A\", \"modified\": \"2024-01-01T00:00:00Z\", \"summary\": \"old\"}");
        zip("osv/newer.zip", "A.json", "{\"id\": \"A\", \"modified\": \"2024-06-01T00:00:00Z\", \"summary\": \"new\"}");
        Files.writeString(d.resolve("README.md"), "not a record");
        List<OsvRecord> read = new ArrayList<>();
        OsvSource.read(List.of(dir.resolve("osv")), read::add);
        assertThat(read).hasSize(2);
        VulnerabilityDatabase db = VulnerabilityDatabase.load(List.of(dir.resolve("osv")));
        assertThat(db.records()).isEqualTo(1);
    }
}
