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
        Repository repo;
        try {
            repo = builder.setMustExist(true).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(dir.toString(), "not a readable git repository");
        }
        String format = repo.getConfig().getString("extensions", null, "objectformat");
        if (format != null && !format.equalsIgnoreCase("sha1")) {
            repo.close();
            // JGit reads SHA-1 repositories only: its object ids would not match, and every commit look missing
            throw new InvalidInputException(dir.toString(), "a repository of " + format + " object ids"
                    + " (extensions.objectFormat), which this tool cannot read yet; only SHA-1 repositories are");
        }
        return repo;
    }
}
