package io.jenkins.plugins.integrity.commits;

import java.util.List;

/**
 * One commit as its signature covers it: the id, the author and committer, the signature from the
 * {@code gpgsig} header (null when unsigned) and the payload that was signed (the raw commit object
 * without that header, exactly as git hands it to gpg or ssh-keygen), and the paths it changes against
 * its first parent.
 */
public record GitCommit(String id, List<String> parents, Person author, Person committer, String subject,
        String signature, byte[] payload, List<String> changedPaths) {
    public GitCommit {
        parents = List.copyOf(parents);
        changedPaths = List.copyOf(changedPaths);
    }

    public boolean signed() {
        return signature != null;
    }

    public boolean merge() {
        return parents.size() > 1;
    }
}
