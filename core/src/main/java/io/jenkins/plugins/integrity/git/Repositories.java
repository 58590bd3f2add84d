package io.jenkins.plugins.integrity.git;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Opens the git repository a directory is in, read with JGit (no git process). */
public final class Repositories {
    private Repositories() {}

    /** The repository holding {@code dir} (its work tree or a folder inside it, or a bare repository). */
    public static Repository open(Path dir) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            throw new InvalidInputException(dir.toString(), "not inside a git repository");
        }
        try {
            return builder.setMustExist(true).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(dir.toString(), "not a readable git repository");
        }
    }
}
