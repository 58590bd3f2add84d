package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.Status;

/** The exit codes every command shares (DESIGN.md, "CLI contract"). */
final class ExitCodes {
    static final int OK = 0;
    static final int POLICY_FAILED = 1;
    static final int INVALID_INPUT = 2;
    static final int INTERNAL_ERROR = 3;

    private ExitCodes() {}

    static int of(Status status) {
        return switch (status) {
            case PASS, WARN -> OK;
            case FAIL -> POLICY_FAILED;
            case ERROR -> INVALID_INPUT;
        };
    }
}
