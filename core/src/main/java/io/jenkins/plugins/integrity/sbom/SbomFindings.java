package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;

/** The findings of the SBOM check that are not about content policy: what could not be catalogued. */
final class SbomFindings {
    static final String RULE_TOO_LARGE = "sbom/file-too-large";

    private SbomFindings() {}

    static Finding tooLarge(String path, long max) {
        return new Finding(RULE_TOO_LARGE, Severity.MEDIUM, "not catalogued: larger than " + (max >> 20)
                + " MiB, so the packages it names are missing from the SBOM", Location.ofFile(path),
                Digests.sha256Hex(RULE_TOO_LARGE, path));
    }
}
