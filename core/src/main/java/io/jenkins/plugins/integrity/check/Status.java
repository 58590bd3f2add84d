package io.jenkins.plugins.integrity.check;

/**
 * The verdict of a check. PASS means the check looked and found nothing; WARN means it found something
 * below the failure threshold or could not look everywhere; FAIL means a finding reached the threshold;
 * ERROR means the check could not look at all. There is no default verdict: every check decides one.
 */
public enum Status {
    PASS, WARN, FAIL, ERROR;

    /** The worse of two verdicts, ERROR being worst. */
    public Status worst(Status other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
