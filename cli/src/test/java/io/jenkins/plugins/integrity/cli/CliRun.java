package io.jenkins.plugins.integrity.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A command run in-process, as the tests run it: exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), Terminal.NONE);
        return new CliRun(code, out.toString(), err.toString());
    }
}
