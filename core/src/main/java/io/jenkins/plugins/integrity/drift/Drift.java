package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.Severity;

/**
 * One difference between the approved baseline and the controller now: the rule that judged it, how bad it is,
 * the item before (null: added) and after (null: removed), and what changed, in words.
 */
public record Drift(String rule, Severity severity, SnapshotItem before, SnapshotItem after, String message) {
    /** What happened to the item. */
    public enum Change { ADDED, REMOVED, CHANGED }

    public Change change() {
        return before == null ? Change.ADDED : after == null ? Change.REMOVED : Change.CHANGED;
    }

    public SnapshotItem item() {
        return after != null ? after : before;
    }
}
