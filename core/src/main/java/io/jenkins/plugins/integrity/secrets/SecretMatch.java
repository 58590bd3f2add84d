package io.jenkins.plugins.integrity.secrets;

/**
 * A secret found in a text: the rule and the span of the secret itself, and whether an inline comment
 * suppressed it (it is still masked by the redactor, but not reported). It holds the secret value, so it
 * never leaves this package: findings carry only its location and fingerprint.
 */
record SecretMatch(SecretRule rule, int start, int end, String secret, boolean suppressed) {
    boolean overlaps(SecretMatch other) {
        return start < other.end && other.start < end;
    }
}
