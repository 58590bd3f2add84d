package io.jenkins.plugins.integrity.vulns;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PyPI's version order, PEP 440 (https://peps.python.org/pep-0440/), as the {@code packaging} library reads it:
 * {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]} with its normalisations (case, {@code alpha}, {@code beta},
 * {@code c}, {@code pre}, {@code preview}, {@code rev}, {@code r}, an implicit post release {@code 1.0-1},
 * separators, a leading {@code v}). Order: epoch, release (trailing zeros insignificant), then a development
 * release before pre-releases before the release before post-releases; a local version after its public one.
 */
final class Pep440Version implements VersionComparator {
    static final Pep440Version INSTANCE = new Pep440Version();
    private static final Pattern VERSION = Pattern.compile(
            "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
            + "(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
            + "(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?"
            + "(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?"
            + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

    /** The sort key: null numbers stand for "no such part", each with its place in the order. */
    record Key(BigInteger epoch, List<BigInteger> release, int preRank, BigInteger pre, int postRank, BigInteger post,
            int devRank, BigInteger dev, List<String> local) {}

    static Key parse(String version) {
        Matcher m = VERSION.matcher(version.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PEP 440 version: " + version);
        }
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        List<BigInteger> release = new ArrayList<>();
        for (String r : m.group("release").split("\\.")) {
            release.add(new BigInteger(r));
        }
        while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) {
            release.remove(release.size() - 1);
        }
        boolean hasPre = m.group("pre") != null;
        boolean hasPost = m.group("post") != null;
        boolean hasDev = m.group("dev") != null;
        int preRank;
        BigInteger pre = BigInteger.ZERO;
        if (hasPre) {
            String l = m.group("preL");
            preRank = switch (l) {
                case "a", "alpha" -> 1;
                case "b", "beta" -> 2;
                default -> 3; // c, rc, pre, preview
            };
            pre = number(m.group("preN"));
        } else {
            // a development release of the final version sorts before its pre-releases
            preRank = !hasPost && hasDev ? 0 : 4;
        }
        BigInteger post = hasPost ? number(m.group("postN1") != null ? m.group("postN1") : m.group("postN2"))
                : BigInteger.ZERO;
        BigInteger dev = hasDev ? number(m.group("devN")) : BigInteger.ZERO;
        List<String> local = m.group("local") == null ? List.of() : List.of(m.group("local").split("[-_.]"));
        return new Key(epoch, release, preRank, pre, hasPost ? 1 : 0, post, hasDev ? 0 : 1, dev, local);
    }

    private static BigInteger number(String n) {
        return n == null ? BigInteger.ZERO : new BigInteger(n);
    }

    @Override
    public int compare(String a, String b) {
        Key x = parse(a);
        Key y = parse(b);
        int c = x.epoch().compareTo(y.epoch());
        if (c != 0) {
            return c;
        }
        for (int i = 0; i < Math.max(x.release().size(), y.release().size()); i++) {
            BigInteger l = i < x.release().size() ? x.release().get(i) : BigInteger.ZERO;
            BigInteger r = i < y.release().size() ? y.release().get(i) : BigInteger.ZERO;
            c = l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        c = Integer.compare(x.preRank(), y.preRank());
        if (c == 0) {
            c = x.pre().compareTo(y.pre());
        }
        if (c == 0) {
            c = Integer.compare(x.postRank(), y.postRank());
        }
        if (c == 0) {
            c = x.post().compareTo(y.post());
        }
        if (c == 0) {
            c = Integer.compare(x.devRank(), y.devRank());
        }
        if (c == 0) {
            c = x.dev().compareTo(y.dev());
        }
        return c != 0 ? c : local(x.local(), y.local());
    }

    /** Local versions: none first; segments pairwise, numbers after strings and numerically; more segments last. */
    private static int local(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String l = a.get(i);
            String r = b.get(i);
            boolean ln = l.chars().allMatch(Character::isDigit);
            boolean rn = r.chars().allMatch(Character::isDigit);
            int c = ln && rn ? new BigInteger(l).compareTo(new BigInteger(r)) : ln != rn ? (ln ? 1 : -1)
                    : Integer.signum(l.compareTo(r));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public boolean valid(String version) {
        return VERSION.matcher(version.trim().toLowerCase(Locale.ROOT)).matches();
    }
}
