package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.report.Format;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Where a command's one CheckResult goes: rendered to stdout, or to a file with a one-line summary. */
final class ResultOutput {
    private ResultOutput() {}

    /** Prints or writes the result; returns the exit code its status calls for. */
    static int emit(CheckResult result, Format format, Path output, PrintWriter out) {
        String rendered = format.renderer().render(result);
        if (output == null) {
            out.print(rendered);
        } else {
            OutputFiles.write(output, rendered);
            out.println(result.check() + ": " + result.status() + " - " + result.summary() + " (report: " + output + ")");
        }
        return ExitCodes.of(result.status());
    }
}
