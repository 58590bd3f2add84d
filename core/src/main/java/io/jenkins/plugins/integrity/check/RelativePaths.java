package io.jenkins.plugins.integrity.check;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths inside a tree that is not the local file system (an archive, a POM's module tree), resolved as text. */
public final class RelativePaths {
    private RelativePaths() {}

    /** The path with {@code .} and {@code ..} resolved, or null when it climbs above the tree's root. */
    public static String resolve(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
