package io.jenkins.plugins.integrity.steps;

import hudson.Util;
import io.jenkins.plugins.integrity.check.Location;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.actions.WorkspaceAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Where the workspace of the {@code node} block running a step is browsed: {@code execution/node/<id>/ws/},
 * relative to the build's URL. Findings link there by their path, which is relative to that workspace.
 */
final class WorkspaceLinks {
    private WorkspaceLinks() {}

    /** The workspace browser's URL relative to the build, or null outside a node block. */
    static String base(FlowNode step) throws IOException {
        if (step == null) {
            return null;
        }
        for (BlockStartNode block : step.iterateEnclosingBlocks()) {
            if (block.getPersistentAction(WorkspaceAction.class) != null) {
                return "execution/node/" + block.getId() + "/ws/";
            }
        }
        return null;
    }

    /** The link to a finding's file, or null when there is no workspace, no file, or it lies outside it. */
    static String to(String base, Location location) {
        if (base == null || location == null || location.commit() != null || location.file().startsWith("/")
                || location.file().contains("..")) {
            return null;
        }
        StringBuilder href = new StringBuilder(base);
        String sep = "";
        for (String segment : location.file().split("/")) {
            href.append(sep).append(Util.rawEncode(segment));
            sep = "/";
        }
        return href.toString();
    }
}
