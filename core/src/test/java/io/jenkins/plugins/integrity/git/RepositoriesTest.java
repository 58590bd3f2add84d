package io.jenkins.plugins.integrity.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoriesTest {
    @TempDir Path dir;

    @Test
    void opensTheRepositoryAFolderIsIn() throws Exception {
        Tools.run(dir, "git", "init", "-q", "--object-format=sha1", "repo");
        Path sub = Files.createDirectories(dir.resolve("repo/src/main"));
        try (Repository repo = Repositories.open(sub)) {
            assertThat(repo.getDirectory().toPath()).isEqualTo(dir.resolve("repo/.git"));
        }
    }

    /** git init --object-format=sha256: said as such, not as commits missing from a shallow clone. */
    @Test
    void aSha256RepositoryIsRefusedByName() throws Exception {
        Tools.run(dir, "git", "init", "-q", "--object-format=sha256", "repo");
        Tools.run(dir.resolve("repo"), "git", "-c", "user.name=Dev", "-c", "user.email=dev@example.org", "commit",
                "-q", "--allow-empty", "-m", "first");
        assertThatThrownBy(() -> Repositories.open(dir.resolve("repo")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("repo") + ": a repository of sha256 object ids (extensions.objectFormat),"
                        + " which this tool cannot read yet; only SHA-1 repositories are");
    }

    @Test
    void aFolderOutsideAnyRepositoryIsRefused() {
        assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(dir + ": not inside a git repository");
    }
}
