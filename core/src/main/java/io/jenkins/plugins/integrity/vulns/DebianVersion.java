package io.jenkins.plugins.integrity.vulns;

import java.math.BigInteger;

/**
 * dpkg's version order (deb-version(7), dpkg's {@code verrevcmp}): {@code [epoch:]upstream[-revision]}; epochs
 * numerically, then upstream and revision each by alternating runs: non-digits character by character, where
 * {@code ~} sorts before everything, even the end, letters before other characters, and digit runs numerically.
 */
final class DebianVersion implements VersionComparator {
    static final DebianVersion INSTANCE = new DebianVersion();

    private record Parts(BigInteger epoch, String upstream, String revision) {}

    private static Parts parse(String version) {
        String v = version.trim();
        BigInteger epoch = BigInteger.ZERO;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            String e = v.substring(0, colon);
            if (e.isEmpty() || !e.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not a Debian version (epoch): " + version);
            }
            epoch = new BigInteger(e);
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        String upstream = dash < 0 ? v : v.substring(0, dash);
        String revision = dash < 0 ? "" : v.substring(dash + 1);
        if (upstream.isEmpty() || !upstream.chars().allMatch(DebianVersion::allowed)
                || !revision.chars().allMatch(DebianVersion::allowed)) {
            throw new IllegalArgumentException("not a Debian version: " + version);
        }
        return new Parts(epoch, upstream, revision);
    }

    private static boolean allowed(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '+' || c == '~' || c == '-' || c == ':');
    }

    @Override
    public int compare(String a, String b) {
        Parts x = parse(a);
        Parts y = parse(b);
        int c = x.epoch().compareTo(y.epoch());
        if (c != 0) {
            return c;
        }
        c = verrevcmp(x.upstream(), y.upstream());
        return c != 0 ? c : verrevcmp(x.revision(), y.revision());
    }

    /** The weight of a non-digit character; 0 for the end of the string. */
    private static int order(String s, int i) {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !Character.isDigit(a.charAt(i)) || j < b.length() && !Character.isDigit(b.charAt(j))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            int si = i;
            while (i < a.length() && Character.isDigit(a.charAt(i))) {
                i++;
            }
            int sj = j;
            while (j < b.length() && Character.isDigit(b.charAt(j))) {
                j++;
            }
            BigInteger an = si == i ? BigInteger.ZERO : new BigInteger(a.substring(si, i));
            BigInteger bn = sj == j ? BigInteger.ZERO : new BigInteger(b.substring(sj, j));
            int c = an.compareTo(bn);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
