package io.jenkins.plugins.integrity.vulns;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Semantic Versioning 2.0.0 precedence (https://semver.org/#spec-item-11), as npm, crates.io and Go order
 * versions: major, minor and patch numerically; a pre-release sorts before its release; pre-release identifiers
 * compare numerically when both are numeric, else in ASCII order, numeric before alphanumeric, and a shorter
 * list first when all else is equal; build metadata is ignored. A leading {@code v} or {@code =} is dropped and
 * missing minor or patch numbers count as 0 (npm's and Go's loose spellings). NuGet's fourth number and its
 * case-insensitive pre-release labels are the {@link #nuget} flavour.
 */
final class SemVer implements VersionComparator {
    static final SemVer STRICT = new SemVer(false);
    static final SemVer NUGET = new SemVer(true);
    private final boolean nuget;

    private SemVer(boolean nuget) {
        this.nuget = nuget;
    }

    /** A parsed version: its numbers and its pre-release identifiers (empty for a release). */
    record Parsed(List<BigInteger> numbers, List<String> pre) {}

    Parsed parse(String version) {
        String v = version.trim();
        if (v.startsWith("v") || v.startsWith("V") || v.startsWith("=")) {
            v = v.substring(1);
        }
        int plus = v.indexOf('+');
        if (plus >= 0) {
            v = v.substring(0, plus);
        }
        int dash = v.indexOf('-');
        String core = dash < 0 ? v : v.substring(0, dash);
        String pre = dash < 0 ? "" : v.substring(dash + 1);
        String[] parts = core.split("\\.", -1);
        if (core.isEmpty() || parts.length > (nuget ? 4 : 3)) {
            throw new IllegalArgumentException("not a semantic version: " + version);
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty() || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not a semantic version: " + version);
            }
            numbers.add(new BigInteger(p));
        }
        while (numbers.size() < (nuget ? 4 : 3)) {
            numbers.add(BigInteger.ZERO);
        }
        List<String> identifiers = new ArrayList<>();
        if (dash >= 0) {
            for (String id : pre.split("\\.", -1)) {
                if (id.isEmpty()) {
                    throw new IllegalArgumentException("not a semantic version: " + version);
                }
                identifiers.add(nuget ? id.toLowerCase(Locale.ROOT) : id);
            }
        }
        return new Parsed(numbers, identifiers);
    }

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        for (int i = 0; i < x.numbers().size(); i++) {
            int c = x.numbers().get(i).compareTo(y.numbers().get(i));
            if (c != 0) {
                return c;
            }
        }
        if (x.pre().isEmpty() || y.pre().isEmpty()) {
            return Boolean.compare(x.pre().isEmpty(), y.pre().isEmpty());
        }
        for (int i = 0; i < Math.min(x.pre().size(), y.pre().size()); i++) {
            int c = identifier(x.pre().get(i), y.pre().get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.pre().size(), y.pre().size());
    }

    private static int identifier(String a, String b) {
        boolean an = a.chars().allMatch(Character::isDigit);
        boolean bn = b.chars().allMatch(Character::isDigit);
        if (an && bn) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }
}
