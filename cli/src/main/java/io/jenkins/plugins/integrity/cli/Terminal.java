package io.jenkins.plugins.integrity.cli;

/** Whether a person is watching: progress is drawn only on an interactive terminal. */
record Terminal(boolean interactive) {
    static final Terminal NONE = new Terminal(false);

    static Terminal detect() {
        String term = System.getenv("TERM");
        boolean ci = System.getenv("CI") != null;
        return new Terminal(System.console() != null && !ci && term != null && !term.equals("dumb"));
    }
}
