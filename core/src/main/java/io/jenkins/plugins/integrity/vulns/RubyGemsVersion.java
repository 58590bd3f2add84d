package io.jenkins.plugins.integrity.vulns;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems' {@code Gem::Version} order: a version is split into numeric and alphabetic segments
 * ({@code 1.0.a1} is 1, 0, "a", 1; a {@code -} reads as {@code .pre.}); trailing zeros of the release part and
 * of the pre-release part are dropped; segments compare pairwise, missing ones as 0, numbers numerically, letters
 * in ASCII order, and a letter segment (a pre-release) before a number.
 */
final class RubyGemsVersion implements VersionComparator {
    static final RubyGemsVersion INSTANCE = new RubyGemsVersion();
    private static final Pattern FORMAT = Pattern.compile("[0-9]+(\\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

    static List<Object> canonical(String version) {
        String v = version.trim();
        if (!FORMAT.matcher(v).matches()) {
            throw new IllegalArgumentException("not a RubyGems version: " + version);
        }
        v = v.replace("-", ".pre.");
        List<Object> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(v);
        while (m.find()) {
            String s = m.group();
            segments.add(Character.isDigit(s.charAt(0)) ? new BigInteger(s) : s);
        }
        int stringStart = 0;
        while (stringStart < segments.size() && !(segments.get(stringStart) instanceof String)) {
            stringStart++;
        }
        List<Object> numeric = dropTrailingZeros(segments.subList(0, stringStart));
        List<Object> strings = dropTrailingZeros(segments.subList(stringStart, segments.size()));
        List<Object> out = new ArrayList<>(numeric);
        out.addAll(strings);
        return out;
    }

    private static List<Object> dropTrailingZeros(List<Object> segments) {
        int end = segments.size();
        while (end > 0 && BigInteger.ZERO.equals(segments.get(end - 1))) {
            end--;
        }
        return new ArrayList<>(segments.subList(0, end));
    }

    @Override
    public int compare(String a, String b) {
        List<Object> x = canonical(a);
        List<Object> y = canonical(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            Object l = i < x.size() ? x.get(i) : BigInteger.ZERO;
            Object r = i < y.size() ? y.get(i) : BigInteger.ZERO;
            if (l.equals(r)) {
                continue;
            }
            if (l instanceof String && r instanceof BigInteger) {
                return -1;
            }
            if (l instanceof BigInteger && r instanceof String) {
                return 1;
            }
            return l instanceof BigInteger li ? li.compareTo((BigInteger) r) : Integer.signum(((String) l).compareTo(
                    (String) r));
        }
        return 0;
    }

    @Override
    public boolean valid(String version) {
        return FORMAT.matcher(version.trim()).matches();
    }
}
