package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.report.Format;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a command's one CheckResult goes, as {@code --format} and {@code --output} choose: rendered to stdout, or
 * to a file with a one-line summary. Mixed into every command that reports a single result.
 */
final class ResultOutput {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = ScanSecretsCommand.FormatConverter.class,
            description = "text, json, sarif or html (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout")
    Path output;

    /** Prints or writes the result; returns the exit code its status calls for. */
    int emit(CheckResult result, PrintWriter out) {
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
