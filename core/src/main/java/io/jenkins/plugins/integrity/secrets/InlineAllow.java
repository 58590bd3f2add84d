package io.jenkins.plugins.integrity.secrets;

/**
 * The inline suppression comment: a secret on a line that carries {@code pipeline-integrity:allow} (or
 * gitleaks' {@code gitleaks:allow}, so that existing annotations keep working) is not reported, only counted.
 * It is meant for test fixtures and documented examples; a reviewer sees the count in the scan's metrics.
 */
final class InlineAllow {
    static final String MARKER = "pipeline-integrity:allow";
    static final String GITLEAKS_MARKER = "gitleaks:allow";

    private InlineAllow() {}

    static boolean marks(String line) {
        return line.contains(MARKER) || line.contains(GITLEAKS_MARKER);
    }
}
