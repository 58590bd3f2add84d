package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is reported relative to the base when below it, else by its absolute path, however the root is named. */
class FileWalkerTest {
    @TempDir
    Path dir;

    private List<String> reported(Path root, Path base) {
        return new FileWalker(ScanRequest.of(List.of(root), base)).walk().targets().stream()
                .map(ScanTarget::reportedPath).sorted().toList();
    }

    @Test
    void reportsPathsRelativeToTheBaseOrAbsolute() throws IOException {
        Path project = Files.createDirectories(dir.resolve("work/project"));
        Files.createDirectories(project.resolve("conf/deep"));
        Files.writeString(project.resolve("Jenkinsfile"), "x");
        Files.writeString(project.resolve("conf/deep/app.yml"), "x");
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("a.env"), "x");

        assertThat(reported(project, project)).containsExactly("Jenkinsfile", "conf/deep/app.yml");
        assertThat(reported(project.resolve("conf"), project)).containsExactly("conf/deep/app.yml");
        assertThat(reported(project, dir))
                .containsExactly("work/project/Jenkinsfile", "work/project/conf/deep/app.yml");
        assertThat(reported(project.resolve("../../other"), project)).as("a root outside the base, named with ..")
                .containsExactly(other.toAbsolutePath().normalize() + "/a.env");
        assertThat(reported(project.resolve("Jenkinsfile"), project)).as("a file as the root")
                .containsExactly("Jenkinsfile");
        assertThat(reported(project.resolve("./conf/./deep"), dir)).containsExactly("work/project/conf/deep/app.yml");
        assertThat(new FileWalker(ScanRequest.of(List.of(project), null)).walk().targets())
                .extracting(ScanTarget::reportedPath).as("no base: absolute")
                .contains(project.toAbsolutePath() + "/Jenkinsfile");
    }
}
