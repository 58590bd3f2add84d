package io.jenkins.plugins.integrity.vulns;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composer's order of Packagist versions: a version is first normalised as composer/semver's
 * {@code VersionParser::normalize} does ({@code v2.0} is {@code 2.0.0.0}, {@code 1.0-b2} is {@code 1.0.0.0-beta2},
 * {@code 2.x-dev} is {@code 2.9999999.9999999.9999999-dev}, date versions keep their numbers), then compared as
 * PHP's {@code version_compare} compares (https://www.php.net/manual/en/function.version-compare.php): parts split
 * at {@code . - _ +} and between digits and letters, numbers numerically, and words in the order
 * {@code dev < alpha = a < beta = b < RC = rc < (a number) < pl = p}, any other word first. Branches
 * ({@code dev-main}) are not versions: Composer never orders them against releases.
 */
final class ComposerVersion implements VersionComparator {
    static final ComposerVersion INSTANCE = new ComposerVersion();
    private static final String MODIFIER =
            "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?";
    private static final Pattern CLASSICAL =
            Pattern.compile("v?(\\d{1,5})(\\.\\d++)?(\\.\\d++)?(\\.\\d++)?" + MODIFIER, Pattern.CASE_INSENSITIVE);
    private static final Pattern DATED = Pattern.compile(
            "v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)" + MODIFIER, Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERED_BRANCH = Pattern.compile(
            "v?(\\d++)(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?[.-]?dev", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LENGTH = 256;

    private ComposerVersion() {}

    /** The version as Composer normalises it, or an exception for a branch or a string that is no version. */
    static String normalise(String version) {
        String v = version.trim();
        if (v.isEmpty() || v.length() > MAX_LENGTH || v.regionMatches(true, 0, "dev-", 0, 4)) {
            throw new IllegalArgumentException("not a Composer version: " + version);
        }
        int plus = v.indexOf('+');
        if (plus > 0) {
            v = v.substring(0, plus); // build metadata
        }
        Matcher m = CLASSICAL.matcher(v);
        String base;
        int index;
        if (m.matches()) {
            base = m.group(1) + (m.group(2) != null ? m.group(2) : ".0") + (m.group(3) != null ? m.group(3) : ".0")
                    + (m.group(4) != null ? m.group(4) : ".0");
            index = 5;
        } else if ((m = DATED.matcher(v)).matches()) {
            base = m.group(1).replaceAll("\\D", ".");
            index = 2;
        } else {
            Matcher branch = NUMBERED_BRANCH.matcher(v);
            if (!branch.matches()) {
                throw new IllegalArgumentException("not a Composer version: " + version);
            }
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= 4; i++) {
                String part = branch.group(i) == null ? "x" : branch.group(i).replace(".", "");
                b.append(i > 1 ? "." : "").append(part.matches("[xX*]") ? "9999999" : part);
            }
            return b + "-dev";
        }
        String stability = m.group(index);
        if (stability != null && !stability.isEmpty()) {
            if (stability.equals("stable")) {
                return base;
            }
            String number = m.group(index + 1) == null ? "" : m.group(index + 1).replaceFirst("^[.-]+", "");
            base += "-" + expand(stability) + number;
        }
        if (m.group(index + 2) != null && !m.group(index + 2).isEmpty()) {
            base += "-dev";
        }
        return base;
    }

    private static String expand(String stability) {
        String s = stability.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "a" -> "alpha";
            case "b" -> "beta";
            case "p", "pl" -> "patch";
            case "rc" -> "RC";
            default -> s;
        };
    }

    @Override
    public int compare(String a, String b) {
        return phpVersionCompare(parts(normalise(a)), parts(normalise(b)));
    }

    /** PHP's php_canonicalize_version, then the split at its dots (empty parts dropped, as strtok drops them). */
    static List<String> parts(String version) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c > 127 || !Character.isLetterOrDigit(c)) { // . - _ + and any other sign end a part
                flush(parts, part);
                continue;
            }
            if (part.length() > 0 && isDigit(part.charAt(part.length() - 1)) != isDigit(c)) {
                flush(parts, part); // 1beta2 is 1, beta, 2
            }
            part.append(c);
        }
        flush(parts, part);
        return parts;
    }

    private static void flush(List<String> parts, StringBuilder part) {
        if (part.length() > 0) {
            parts.add(part.toString());
            part.setLength(0);
        }
    }

    private static int phpVersionCompare(List<String> x, List<String> y) {
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            int c = part(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        if (x.size() > n) {
            return isDigit(x.get(n).charAt(0)) ? 1 : Integer.signum(special(x.get(n)) - special("#"));
        }
        if (y.size() > n) {
            return isDigit(y.get(n).charAt(0)) ? -1 : Integer.signum(special("#") - special(y.get(n)));
        }
        return 0;
    }

    private static int part(String p, String q) {
        boolean pd = isDigit(p.charAt(0));
        boolean qd = isDigit(q.charAt(0));
        if (pd && qd) {
            return Integer.signum(new BigInteger(p).compareTo(new BigInteger(q)));
        }
        return Integer.signum(special(pd ? "#" : p) - special(qd ? "#" : q));
    }

    /**
     * PHP's compare_special_version_forms: the order of the first of {@code dev alpha a beta b RC rc # pl p} the
     * word starts with (case-sensitively), -1 for none. A word starting with "alpha" starts with "a", of the same
     * order, so the shorter forms decide.
     */
    private static int special(String word) {
        if (word.startsWith("dev")) {
            return 0;
        } else if (word.startsWith("a")) {
            return 1;
        } else if (word.startsWith("b")) {
            return 2;
        } else if (word.startsWith("RC") || word.startsWith("rc")) {
            return 3;
        } else if (word.startsWith("#")) {
            return 4;
        } else if (word.startsWith("p")) {
            return 5;
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
