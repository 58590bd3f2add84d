package io.jenkins.plugins.integrity.secrets;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.report.Report;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Findings already known and accepted, by fingerprint, so that a scan reports only new ones. A baseline is
 * either an earlier JSON result of this tool ({@code --format json} output or an {@code audit} report.json),
 * or a text file with one fingerprint per line ({@code #} starts a comment).
 */
public record Baseline(Set<String> fingerprints) {
    public static final Baseline NONE = new Baseline(Set.of());
    private static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{8,64}");

    public Baseline {
        fingerprints = Set.copyOf(fingerprints);
    }

    public boolean contains(Finding finding) {
        return fingerprints.contains(finding.fingerprint());
    }

    public static Baseline read(Path file) {
        return parse(InputFiles.readText(file, MAX_BYTES, "a baseline"), file.toString());
    }

    static Baseline parse(String text, String name) {
        Set<String> fingerprints = new HashSet<>();
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            if (trimmed.contains("\"results\"")) {
                Report report = Json.readReport(trimmed, name);
                for (CheckResult r : report.results()) {
                    r.findings().forEach(f -> fingerprints.add(f.fingerprint()));
                }
            } else {
                Json.readResult(trimmed, name).findings().forEach(f -> fingerprints.add(f.fingerprint()));
            }
            return new Baseline(fingerprints);
        }
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            String fp = line.strip();
            int hash = fp.indexOf('#');
            if (hash >= 0) {
                fp = fp.substring(0, hash).strip();
            }
            if (fp.isEmpty()) {
                continue;
            }
            if (!FINGERPRINT.matcher(fp).matches()) {
                throw new InvalidInputException(name, "line " + lineNumber + " is not a fingerprint (hex digits)");
            }
            fingerprints.add(fp);
        }
        return new Baseline(fingerprints);
    }
}
