package io.jenkins.plugins.integrity.commits;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.git.Repositories;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Reads the commits of a range with JGit, each with its signature and the exact bytes the signature covers:
 * the raw commit object without its {@code gpgsig} header (and continuation lines), as git verifies it.
 */
public final class CommitReader {
    private final Path dir;
    private final boolean withPaths;

    /** @param withPaths also list the paths each commit changes (needed by per-path policy rules) */
    public CommitReader(Path dir, boolean withPaths) {
        this.dir = dir;
        this.withPaths = withPaths;
    }

    public List<GitCommit> read(CommitRange range) {
        try (Repository repo = Repositories.open(dir); RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(range.firstParent());
            walk.markStart(walk.parseCommit(resolve(repo, range.to())));
            if (range.from() != null) {
                walk.markUninteresting(walk.parseCommit(resolve(repo, range.from())));
            }
            List<GitCommit> commits = new ArrayList<>();
            try (TreeWalk tw = new TreeWalk(repo)) {
                tw.setRecursive(true);
                for (RevCommit c : walk) {
                    if (commits.size() == range.limit()) {
                        break;
                    }
                    commits.add(toCommit(c, withPaths ? changedPaths(walk, tw, c) : List.of()));
                }
            }
            return commits;
        } catch (MissingObjectException e) {
            throw new InvalidInputException(dir.toString(), "the repository is missing object " + e.getObjectId().name()
                    + " (a shallow clone? fetch the range to verify)");
        } catch (IOException e) {
            throw new InvalidInputException(dir.toString(), "cannot read the commits (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private ObjectId resolve(Repository repo, String revision) throws IOException {
        ObjectId id;
        try {
            id = repo.resolve(revision + "^{commit}");
        } catch (IllegalArgumentException e) { // RevisionSyntaxException among them
            id = null;
        }
        if (id == null) {
            throw new InvalidInputException(dir.toString(), "unknown revision '" + revision + "'");
        }
        return id;
    }

    private static List<String> changedPaths(RevWalk walk, TreeWalk tw, RevCommit c) throws IOException {
        tw.reset();
        tw.addTree(c.getTree());
        if (c.getParentCount() > 0) {
            tw.addTree(walk.parseCommit(c.getParent(0)).getTree());
            tw.setFilter(TreeFilter.ANY_DIFF);
        } else {
            tw.setFilter(TreeFilter.ALL);
        }
        List<String> paths = new ArrayList<>();
        while (tw.next()) {
            paths.add(tw.getPathString());
        }
        return paths;
    }

    static GitCommit toCommit(RevCommit c, List<String> paths) {
        Split split = split(c.getRawBuffer());
        List<String> parents = Arrays.stream(c.getParents()).map(ObjectId::name).toList();
        return new GitCommit(c.name(), parents, person(c.getAuthorIdent()), person(c.getCommitterIdent()),
                c.getShortMessage(), split.signature(), split.payload(), paths);
    }

    private static Person person(PersonIdent p) {
        return p == null ? new Person("", "", Instant.EPOCH) : new Person(p.getName(), p.getEmailAddress(),
                p.getWhenAsInstant());
    }

    /** A raw commit cut into its signature and the payload the signature covers. */
    record Split(String signature, byte[] payload) {}

    /**
     * Takes the {@code gpgsig} (or {@code gpgsig-sha256}) header and its continuation lines (those starting with
     * a space, which stands for the line break) out of the header block, as git does before verifying.
     */
    static Split split(byte[] raw) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(raw.length);
        StringBuilder signature = null;
        StringBuilder capturing = null; // the signature header being read, or null
        int i = 0;
        boolean headers = true;
        while (i < raw.length) {
            int end = i;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int next = Math.min(raw.length, end + 1);
            if (headers) {
                if (end == i) {
                    headers = false; // the empty line before the message
                    capturing = null;
                } else if (capturing != null && raw[i] == ' ') {
                    capturing.append(new String(raw, i + 1, end - i - 1, StandardCharsets.UTF_8)).append('\n');
                    i = next;
                    continue;
                } else {
                    capturing = null;
                    boolean sha1 = startsWith(raw, i, "gpgsig ");
                    if (sha1 || startsWith(raw, i, "gpgsig-sha256 ")) {
                        // every signature header leaves the payload; the one of this (SHA-1) repository is kept
                        int value = i + (sha1 ? 7 : 14);
                        capturing = new StringBuilder(new String(raw, value, end - value, StandardCharsets.UTF_8))
                                .append('\n');
                        if (sha1 && signature == null) {
                            signature = capturing;
                        }
                        i = next;
                        continue;
                    }
                }
            }
            payload.write(raw, i, next - i);
            i = next;
        }
        return new Split(signature == null ? null : signature.toString(), payload.toByteArray());
    }

    private static boolean startsWith(byte[] raw, int at, String prefix) {
        if (at + prefix.length() > raw.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (raw[at + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
