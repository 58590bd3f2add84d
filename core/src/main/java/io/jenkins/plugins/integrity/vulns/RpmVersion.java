package io.jenkins.plugins.integrity.vulns;

/**
 * rpm's version order ({@code rpmvercmp} of rpm 4, for {@code [epoch:]version[-release]}): the epoch
 * numerically, then the version and the release each by segments, where a segment is a run of ASCII digits
 * (compared as numbers, a longer number being the greater) or of ASCII letters (compared as text), a digit
 * segment is newer than a letter segment, other characters only separate segments, {@code ~} sorts before
 * everything (even the end: {@code 1.0~rc1 < 1.0}) and {@code ^} after the end but before anything else
 * ({@code 1.0 < 1.0^git1 < 1.0.1}).
 *
 * <p>The epoch is compared only when both versions name one, and the release only when both have one, as
 * grype and rpm's own dependency comparison do: advisories of the Red Hat family often give a fixed version
 * without the epoch the installed package records, and reading that as epoch 0 would make every such
 * package look newer than its fix.
 */
final class RpmVersion implements VersionComparator {
    static final RpmVersion INSTANCE = new RpmVersion();

    private record Evr(String epoch, String version, String release) {}

    private static Evr parse(String evr) {
        String v = evr.trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("not an rpm version: '" + evr + "'");
        }
        String epoch = null;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            epoch = v.substring(0, colon);
            if (epoch.isEmpty() || !epoch.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an rpm version (epoch): '" + evr + "'");
            }
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        String version = dash < 0 ? v : v.substring(0, dash);
        String release = dash < 0 ? null : v.substring(dash + 1);
        if (version.isEmpty()) {
            throw new IllegalArgumentException("not an rpm version: '" + evr + "'");
        }
        return new Evr(epoch, version, release);
    }

    @Override
    public int compare(String a, String b) {
        Evr x = parse(a);
        Evr y = parse(b);
        if (x.epoch() != null && y.epoch() != null) {
            int c = compareNumbers(x.epoch(), 0, x.epoch().length(), y.epoch(), 0, y.epoch().length());
            if (c != 0) {
                return c;
            }
        }
        int c = rpmvercmp(x.version(), y.version());
        if (c != 0 || x.release() == null || y.release() == null) {
            return c;
        }
        return rpmvercmp(x.release(), y.release());
    }

    /** rpm's {@code rpmvercmp} on one part (a version or a release): -1, 0 or 1. */
    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int n = a.length();
        int m = b.length();
        while (i < n || j < m) {
            while (i < n && !alnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < m && !alnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            char ca = i < n ? a.charAt(i) : 0;
            char cb = j < m ? b.charAt(j) : 0;
            // a tilde sorts before everything, the end included
            if (ca == '~' || cb == '~') {
                if (ca != '~') {
                    return 1;
                }
                if (cb != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            // a caret sorts after the end but before anything else
            if (ca == '^' || cb == '^') {
                if (i >= n) {
                    return -1;
                }
                if (j >= m) {
                    return 1;
                }
                if (ca != '^') {
                    return 1;
                }
                if (cb != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= n || j >= m) {
                break;
            }
            boolean numeric = digit(ca);
            int endA = i;
            int endB = j;
            if (numeric) {
                while (endA < n && digit(a.charAt(endA))) {
                    endA++;
                }
                while (endB < m && digit(b.charAt(endB))) {
                    endB++;
                }
            } else {
                while (endA < n && alpha(a.charAt(endA))) {
                    endA++;
                }
                while (endB < m && alpha(b.charAt(endB))) {
                    endB++;
                }
            }
            if (endB == j) {
                return numeric ? 1 : -1; // segments of two kinds: digits are newer than letters
            }
            int c = numeric ? compareNumbers(a, i, endA, b, j, endB)
                    : Integer.signum(a.substring(i, endA).compareTo(b.substring(j, endB)));
            if (c != 0) {
                return c;
            }
            i = endA;
            j = endB;
        }
        if (i >= n && j >= m) {
            return 0; // the segments agree, only their separators differ
        }
        return i >= n ? -1 : 1; // whichever has characters left is newer
    }

    /** Digit runs as numbers: leading zeros dropped, then the longer is the greater, then digit by digit. */
    private static int compareNumbers(String a, int i, int endA, String b, int j, int endB) {
        while (i < endA && a.charAt(i) == '0') {
            i++;
        }
        while (j < endB && b.charAt(j) == '0') {
            j++;
        }
        if (endA - i != endB - j) {
            return endA - i > endB - j ? 1 : -1;
        }
        return Integer.signum(a.substring(i, endA).compareTo(b.substring(j, endB)));
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean alpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean alnum(char c) {
        return digit(c) || alpha(c);
    }
}
