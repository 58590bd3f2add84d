package io.jenkins.plugins.integrity.vulns;

import java.util.List;
import java.util.Locale;

/**
 * A triage statement from a VEX document (CycloneDX VEX or OpenVEX): which vulnerability, for which components
 * (package URLs or CycloneDX bom-refs; empty for every component), its state, why, and which document said so.
 */
public record VexStatement(String vulnerability, List<String> products, State state, String justification,
        String detail, String source) {
    public VexStatement {
        products = List.copyOf(products);
        justification = justification == null ? "" : justification;
        detail = detail == null ? "" : detail;
    }

    /** The states of both formats; the first four suppress a finding, the others leave it standing. */
    public enum State {
        NOT_AFFECTED, FALSE_POSITIVE, RESOLVED, FIXED, AFFECTED, UNDER_INVESTIGATION;

        public boolean suppresses() {
            return this == NOT_AFFECTED || this == FALSE_POSITIVE || this == RESOLVED || this == FIXED;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether it speaks of this component: a product is its bom-ref or package URL (with or without version). */
    boolean covers(String purl, String bomRef) {
        if (products.isEmpty()) {
            return true;
        }
        for (String p : products) {
            if (p.equals(bomRef) || purl != null && (p.equals(purl) || !p.contains("@") && stripVersion(purl).equals(
                    stripQualifiers(p)))) {
                return true;
            }
        }
        return false;
    }

    private static String stripQualifiers(String purl) {
        int q = purl.indexOf('?');
        int h = purl.indexOf('#');
        int end = q >= 0 ? q : h >= 0 ? h : purl.length();
        return purl.substring(0, end);
    }

    private static String stripVersion(String purl) {
        String p = stripQualifiers(purl);
        int at = p.lastIndexOf('@');
        return at > p.indexOf('/') && at > 0 ? p.substring(0, at) : p;
    }
}
