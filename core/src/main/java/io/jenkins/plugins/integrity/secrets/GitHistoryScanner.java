package io.jenkins.plugins.integrity.secrets;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.git.Repositories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Scans the history of a git repository, read with JGit: every blob reachable from its branches and tags,
 * each blob id once, at the commit and path where it first appears (oldest commits first). A secret deleted
 * long ago is still in the history, and still valid until it is revoked. {@code since} limits the scan to the
 * commits not reachable from that revision.
 */
public final class GitHistoryScanner {
    private final SecretScanner scanner;

    public GitHistoryScanner(SecretScanner scanner) {
        this.scanner = scanner;
    }

    private record Blob(ObjectId id, String path, String commit) {}

    public CheckResult scan(Path dir, String since, ScanRequest request) {
        long started = System.nanoTime();
        try (Repository repo = Repositories.open(dir); RevWalk walk = new RevWalk(repo)) {
            List<Blob> blobs = firstAppearances(repo, walk, since, request);
            List<SecretScanner.FileOutcome> outcomes = SecretScanner.inParallel(blobs, request.threads(),
                    blob -> scanBlob(repo, blob, request.maxFileBytes()));
            ObjectId head = repo.resolve(Constants.HEAD);
            Subject subject = new Subject(dir.toString(), head == null ? Map.of() : Map.of("gitCommit", head.name()));
            return scanner.result(outcomes, List.of(), 0, request, started, List.of(subject),
                    "blob of the git history", "blobs of the git history");
        } catch (IOException e) {
            throw new InvalidInputException(dir.toString(), "cannot read the git history ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<Blob> firstAppearances(Repository repo, RevWalk walk, String since, ScanRequest request)
            throws IOException {
        for (Ref ref : repo.getRefDatabase().getRefs()) {
            if (ref.getObjectId() == null) {
                continue;
            }
            RevObject target = walk.parseAny(ref.getObjectId());
            while (target instanceof RevTag tag) {
                target = walk.parseAny(tag.getObject());
            }
            if (target instanceof RevCommit commit) {
                walk.markStart(commit);
            }
        }
        if (since != null) {
            ObjectId base = repo.resolve(since);
            if (base == null) {
                throw new InvalidInputException(since, "no such revision in " + repo.getDirectory());
            }
            walk.markUninteresting(walk.parseCommit(base));
        }
        walk.sort(RevSort.TOPO, true);
        walk.sort(RevSort.REVERSE, true);
        Set<ObjectId> seen = new HashSet<>();
        List<Blob> blobs = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.setRecursive(true);
            for (RevCommit commit : walk) {
                tw.reset();
                tw.addTree(commit.getTree());
                for (RevCommit parent : commit.getParents()) {
                    try {
                        tw.addTree(walk.parseCommit(parent).getTree());
                    } catch (MissingObjectException shallow) {
                        // a shallow clone's boundary: compare with nothing, every file is new here
                    }
                }
                tw.setFilter(tw.getTreeCount() > 1 ? TreeFilter.ANY_DIFF : TreeFilter.ALL);
                while (tw.next()) {
                    FileMode mode = tw.getFileMode(0);
                    if (mode.getObjectType() != Constants.OBJ_BLOB || mode == FileMode.SYMLINK) {
                        continue; // deleted here, a submodule, or a link
                    }
                    String path = tw.getPathString();
                    ObjectId id = tw.getObjectId(0);
                    if (request.selects(path) && seen.add(id)) {
                        blobs.add(new Blob(id, path, commit.name()));
                    }
                }
            }
        }
        return blobs;
    }

    private SecretScanner.FileOutcome scanBlob(Repository repo, Blob blob, long maxBytes) {
        try {
            ObjectLoader loader = repo.open(blob.id(), Constants.OBJ_BLOB);
            try (InputStream in = loader.openStream()) {
                SecretScanner.FileOutcome o = scanner.scanContent(blob.path(), in, loader.getSize(), maxBytes);
                List<Finding> inCommit = new ArrayList<>(o.findings().size());
                for (Finding f : o.findings()) {
                    inCommit.add(new Finding(f.rule(), f.severity(), f.message(), f.location().inCommit(blob.commit()),
                            f.fingerprint()));
                }
                return o.withFindings(inCommit);
            }
        } catch (IOException e) {
            throw new InvalidInputException(blob.path() + " @" + blob.commit(), "cannot be read from the repository ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
