package io.jenkins.plugins.integrity.vulns;

import io.jenkins.plugins.integrity.check.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * CVSS base scores and their qualitative ratings: a CVSS v3.0/v3.1 vector's base score by the specification's
 * equations (https://www.first.org/cvss/v3.1/specification-document, section 7, with 3.1's Roundup), and the
 * rating of a score (None 0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0).
 */
public final class Cvss {
    private Cvss() {}

    /**
     * The base score of a v3 vector ({@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H} is 10.0).
     *
     * @throws IllegalArgumentException naming what is wrong with the vector
     */
    public static double v3BaseScore(String vector) {
        String[] parts = vector.trim().split("/");
        if (parts.length < 9 || !(parts[0].equals("CVSS:3.1") || parts[0].equals("CVSS:3.0"))) {
            throw new IllegalArgumentException("not a CVSS v3 vector: " + vector);
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split(":", 2);
            if (kv.length != 2 || m.put(kv[0], kv[1]) != null) {
                throw new IllegalArgumentException("a malformed or repeated metric in the CVSS vector: " + parts[i]);
            }
        }
        boolean changed = switch (metric(m, "S")) {
            case "U" -> false;
            case "C" -> true;
            default -> throw bad("S", m);
        };
        double av = switch (metric(m, "AV")) {
            case "N" -> 0.85;
            case "A" -> 0.62;
            case "L" -> 0.55;
            case "P" -> 0.2;
            default -> throw bad("AV", m);
        };
        double ac = switch (metric(m, "AC")) {
            case "L" -> 0.77;
            case "H" -> 0.44;
            default -> throw bad("AC", m);
        };
        double pr = switch (metric(m, "PR")) {
            case "N" -> 0.85;
            case "L" -> changed ? 0.68 : 0.62;
            case "H" -> changed ? 0.5 : 0.27;
            default -> throw bad("PR", m);
        };
        double ui = switch (metric(m, "UI")) {
            case "N" -> 0.85;
            case "R" -> 0.62;
            default -> throw bad("UI", m);
        };
        double iss = 1 - (1 - cia(m, "C")) * (1 - cia(m, "I")) * (1 - cia(m, "A"));
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) {
            return 0;
        }
        return roundUp(Math.min(changed ? 1.08 * (impact + exploitability) : impact + exploitability, 10));
    }

    private static String metric(Map<String, String> m, String name) {
        String v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the CVSS vector has no " + name);
        }
        return v;
    }

    private static IllegalArgumentException bad(String name, Map<String, String> m) {
        return new IllegalArgumentException("the CVSS vector's " + name + " is '" + m.get(name) + "'");
    }

    private static double cia(Map<String, String> m, String name) {
        return switch (metric(m, name)) {
            case "H" -> 0.56;
            case "L" -> 0.22;
            case "N" -> 0;
            default -> throw bad(name, m);
        };
    }

    /** CVSS 3.1's Roundup: the smallest number of one decimal at or above the input, free of float error. */
    static double roundUp(double input) {
        long intInput = Math.round(input * 100000);
        if (intInput % 10000 == 0) {
            return intInput / 100000.0;
        }
        return (Math.floor(intInput / 10000.0) + 1) / 10.0;
    }

    /** The rating of a score, as our severities: None is INFO. */
    public static Severity rating(double score) {
        BigDecimal s = BigDecimal.valueOf(score).setScale(1, RoundingMode.HALF_UP);
        if (s.compareTo(BigDecimal.valueOf(9.0)) >= 0) {
            return Severity.CRITICAL;
        }
        if (s.compareTo(BigDecimal.valueOf(7.0)) >= 0) {
            return Severity.HIGH;
        }
        if (s.compareTo(BigDecimal.valueOf(4.0)) >= 0) {
            return Severity.MEDIUM;
        }
        return s.signum() > 0 ? Severity.LOW : Severity.INFO;
    }
}
