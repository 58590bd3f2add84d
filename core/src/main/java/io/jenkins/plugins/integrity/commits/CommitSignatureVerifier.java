package io.jenkins.plugins.integrity.commits;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Verifies the signatures of a range of commits against a trust policy, and reports a verdict for every
 * commit: {@code commit-verified} (INFO, not counted against the gate) or the status that failed it. Beyond
 * what {@code git verify-commit} checks, it matches the signer's identity with the committer (or author) and
 * holds changes to guarded paths to the signers of a named group.
 */
public final class CommitSignatureVerifier {
    public static final String CHECK = "commits";

    private final TrustPolicy policy;
    private final Instant now;

    /** @param now the time at which keys must not have expired (strict expiry) */
    public CommitSignatureVerifier(TrustPolicy policy, Instant now) {
        this.policy = policy;
        this.now = now;
    }

    public CheckResult verify(Path repo, CommitRange range, Gate gate) {
        long started = System.nanoTime();
        List<GitCommit> commits = new CommitReader(repo, !policy.pathRules().isEmpty()).read(range);
        List<Verdict> verdicts = commits.stream().map(this::verdict).toList();
        return result(repo.toString(), range, verdicts, gate, started);
    }

    /** The verdict on one commit. */
    public Verdict verdict(GitCommit commit) {
        if (!commit.signed()) {
            if (commit.merge() && policy.mergeCommitters().stream()
                    .anyMatch(p -> Patterns.matches(p, commit.committer().normalisedEmail()))) {
                return Verdict.of(commit, CommitStatus.VERIFIED, SignatureKind.UNKNOWN, null,
                        "unsigned merge by " + commit.committer().email() + ", which the policy allows");
            }
            return Verdict.of(commit, CommitStatus.UNSIGNED, SignatureKind.UNKNOWN, null, "the commit is not signed");
        }
        SignatureKind kind = SignatureKind.of(commit.signature());
        Checked checked = switch (kind) {
            case OPENPGP -> new OpenPgpVerifier(policy.openPgpKeys(), now, policy.acceptSignaturesMadeBeforeExpiry())
                    .verify(commit);
            case SSH -> new SshVerifier(policy.allowedSigners(), policy.revokedSshKeys()).verify(commit);
            case X509 -> new X509Verifier(policy.x509Roots(), policy.sigstoreIssuers()).verify(commit);
            case UNKNOWN -> Checked.of(commit, CommitStatus.UNSUPPORTED, kind, null,
                    "the signature is in no format this verifier knows");
        };
        Verdict v = checked.verdict();
        if (v.status() != CommitStatus.VERIFIED) {
            return v;
        }
        Person who = policy.identity() == TrustPolicy.Identity.AUTHOR ? commit.author() : commit.committer();
        String email = who.normalisedEmail();
        boolean identified = !email.isEmpty() && checked.identifies().test(email);
        if (identified) {
            v = v.withIdentity(email);
        } else if (policy.requireIdentityMatch()) {
            return v.withStatus(CommitStatus.IDENTITY_MISMATCH, "a good signature by " + v.signer()
                    + ", whose identities do not include the " + policy.identity().name().toLowerCase(Locale.ROOT)
                    + " " + who.email());
        }
        for (TrustPolicy.PathRule rule : policy.pathRules()) {
            if (rule.covers(commit.changedPaths()) && !(identified && policy.inGroup(rule.group(), email))) {
                return v.withStatus(CommitStatus.UNTRUSTED_KEY, "changes " + String.join(", ", rule.paths())
                        + ", which need a signer from the group '" + rule.group() + "'; " + (identified
                        ? email + " is not in it" : "the signer's identity is not the "
                        + policy.identity().name().toLowerCase(Locale.ROOT) + "'s"));
            }
        }
        return v;
    }

    CheckResult result(String repo, CommitRange range, List<Verdict> verdicts, Gate gate, long started) {
        List<Finding> findings = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        Map<CommitStatus, Integer> counts = new EnumMap<>(CommitStatus.class);
        for (Verdict v : verdicts) {
            counts.merge(v.status(), 1, Integer::sum);
            Finding f = finding(repo, v);
            findings.add(f);
            if (v.status() != CommitStatus.VERIFIED) {
                problems.add(f);
            }
        }
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("commits", verdicts.size());
        for (CommitStatus s : CommitStatus.values()) {
            metrics.put(camel(s), counts.getOrDefault(s, 0));
        }
        metrics.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        Map<String, String> digests = verdicts.isEmpty() ? Map.of()
                : Map.of("gitCommit", verdicts.get(0).commit().id());
        List<Subject> subjects = List.of(new Subject(repo, digests));
        Status status = verdicts.isEmpty() || problems.isEmpty() ? Status.PASS : gate.judge(problems);
        return new CheckResult(CHECK, status, summary(range, verdicts, counts), findings, metrics, subjects);
    }

    private static Finding finding(String repo, Verdict v) {
        GitCommit c = v.commit();
        StringBuilder m = new StringBuilder(v.status().name()).append(": ").append(v.detail());
        if (v.identity() != null) {
            m.append("; identity ").append(v.identity());
        }
        m.append(" (").append(c.id(), 0, Math.min(12, c.id().length())).append(' ').append(oneLine(c.subject()))
                .append(", committed by ").append(c.committer().email()).append(')');
        String rule = v.status().rule();
        return new Finding(rule, v.status().severity(), m.toString(), new Location(repo, 0, 0, c.id()),
                Digests.sha256Hex("pipeline-integrity/commit/v1", rule, c.id()).substring(0, 24));
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replaceAll("[\\p{Cntrl}]", " ").strip();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }

    private static String camel(CommitStatus s) {
        String[] parts = s.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }

    private static String summary(CommitRange range, List<Verdict> verdicts, Map<CommitStatus, Integer> counts) {
        if (verdicts.isEmpty()) {
            return "no commits to verify in " + range;
        }
        if (counts.size() == 1 && counts.containsKey(CommitStatus.VERIFIED)) {
            return "all " + verdicts.size() + (verdicts.size() == 1 ? " commit" : " commits") + " verified in " + range;
        }
        return verdicts.size() + (verdicts.size() == 1 ? " commit" : " commits") + " in " + range + ": "
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
