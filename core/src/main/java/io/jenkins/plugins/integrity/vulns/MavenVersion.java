package io.jenkins.plugins.integrity.vulns;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's version order: {@link ComparableVersion} of maven-artifact, the very class Maven resolves version ranges
 * with (qualifiers {@code alpha < beta < milestone < rc = cr < snapshot < "" = final = ga = release < sp}, then
 * other qualifiers in lexical order; {@code .} and {@code -} separators; transitions between digits and letters).
 */
final class MavenVersion implements VersionComparator {
    static final MavenVersion INSTANCE = new MavenVersion();

    @Override
    public int compare(String a, String b) {
        if (!valid(a) || !valid(b)) {
            throw new IllegalArgumentException("not a Maven version: " + (valid(a) ? b : a));
        }
        return Integer.signum(new ComparableVersion(a.trim()).compareTo(new ComparableVersion(b.trim())));
    }

    @Override
    public boolean valid(String version) {
        String v = version.trim();
        return !v.isEmpty() && v.length() <= 256 && v.chars().noneMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c));
    }
}
