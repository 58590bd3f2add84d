package io.jenkins.plugins.integrity.vulns;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a version is affected by an OSV {@code affected} entry, per the schema's evaluation
 * (https://ossf.github.io/osv-schema/#evaluation): listed in {@code versions}, or within a {@code SEMVER} or
 * {@code ECOSYSTEM} range, whose events are taken in version order ({@code introduced: "0"} first): an
 * {@code introduced} at or below the version opens it, a {@code fixed} at or below it closes it, a
 * {@code last_affected} below it closes it; a {@code limit} at or below the version puts it out of the range.
 * {@code GIT} ranges are of commits, not versions; they count through the versions OSV lists for them.
 */
final class AffectedVersions {
    private AffectedVersions() {}

    /** The verdict for one version. */
    enum Verdict { AFFECTED, NOT_AFFECTED, UNKNOWN }

    /** @param comparator the ecosystem's order, used for ECOSYSTEM ranges; SEMVER ranges use semver's */
    static Verdict check(OsvRecord.Affected affected, String version, VersionComparator comparator) {
        boolean readable = comparator.valid(version);
        for (String v : affected.versions()) {
            // the same version however spelt (Go's "v1.2.3" is OSV's "1.2.3")
            if (v.equals(version) || readable && comparator.valid(v) && comparator.compare(v, version) == 0) {
                return Verdict.AFFECTED;
            }
        }
        boolean unknown = false;
        for (OsvRecord.Range range : affected.ranges()) {
            VersionComparator order = order(range, comparator);
            if (order == null) {
                continue;
            }
            try {
                if (inRange(range, version, order)) {
                    return Verdict.AFFECTED;
                }
            } catch (IllegalArgumentException e) {
                unknown = true;
            }
        }
        return unknown ? Verdict.UNKNOWN : Verdict.NOT_AFFECTED;
    }

    /** The first version that fixes this one, by the ranges that affect it, or null. */
    static String fixedIn(OsvRecord.Affected affected, String version, VersionComparator comparator) {
        String best = null;
        for (OsvRecord.Range range : affected.ranges()) {
            VersionComparator order = order(range, comparator);
            if (order == null) {
                continue;
            }
            for (OsvRecord.Event e : range.events()) {
                try {
                    if (e.kind() == OsvRecord.Kind.FIXED && order.compare(e.version(), version) > 0
                            && (best == null || order.compare(e.version(), best) < 0)) {
                        best = e.version();
                    }
                } catch (IllegalArgumentException ignored) {
                    // a fixed version this ecosystem cannot read is no advice
                }
            }
        }
        return best;
    }

    /** The order a range's versions are in: semver's for SEMVER, the ecosystem's for ECOSYSTEM; null for GIT. */
    private static VersionComparator order(OsvRecord.Range range, VersionComparator ecosystem) {
        return switch (range.type()) {
            case "SEMVER" -> SemVer.STRICT;
            case "ECOSYSTEM" -> ecosystem;
            default -> null;
        };
    }

    static boolean inRange(OsvRecord.Range range, String version, VersionComparator order) {
        List<OsvRecord.Event> events = new ArrayList<>(range.events());
        events.sort((a, b) -> compareEvents(a, b, order));
        boolean affected = false;
        for (OsvRecord.Event e : events) {
            switch (e.kind()) {
                case INTRODUCED -> {
                    if (isZero(e.version()) || order.compare(version, e.version()) >= 0) {
                        affected = true;
                    }
                }
                case FIXED -> {
                    if (order.compare(version, e.version()) >= 0) {
                        affected = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (order.compare(version, e.version()) > 0) {
                        affected = false;
                    }
                }
                case LIMIT -> {
                    if (!"*".equals(e.version()) && order.compare(version, e.version()) >= 0) {
                        return false;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return affected;
    }

    private static boolean isZero(String v) {
        return "0".equals(v);
    }

    private static int compareEvents(OsvRecord.Event a, OsvRecord.Event b, VersionComparator order) {
        boolean az = a.kind() == OsvRecord.Kind.INTRODUCED && isZero(a.version());
        boolean bz = b.kind() == OsvRecord.Kind.INTRODUCED && isZero(b.version());
        if (az || bz) {
            return az == bz ? 0 : az ? -1 : 1;
        }
        boolean ai = "*".equals(a.version());
        boolean bi = "*".equals(b.version());
        if (ai || bi) {
            return ai == bi ? 0 : ai ? 1 : -1;
        }
        return order.compare(a.version(), b.version());
    }
}
