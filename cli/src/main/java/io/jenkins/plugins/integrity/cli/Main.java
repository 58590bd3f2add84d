package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.secrets.Redactor;
import io.jenkins.plugins.integrity.secrets.RuleSet;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The {@code pipeline-integrity} entry point: runs one command and turns what went wrong into an exit code
 * and a one-line message naming the input. Every message passes the secret redactor before it is printed.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, Terminal.detect()));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Terminal terminal) {
        // the rules are compiled only when there is an error message to redact
        Supplier<Redactor> redactor = new Supplier<>() {
            private Redactor compiled;

            @Override
            public Redactor get() {
                if (compiled == null) {
                    compiled = new Redactor(RuleSet.builtIn());
                }
                return compiled;
            }
        };
        CommandLine cli = PipelineIntegrityCommand.commandLine(terminal, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("pipeline-integrity: " + redactor.get().redact(ex.getMessage()));
            ex.getCommandLine().usage(err);
            return ExitCodes.INVALID_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InvalidInputException) {
                err.println("pipeline-integrity: " + redactor.get().redact(ex.getMessage()));
                return ExitCodes.INVALID_INPUT;
            }
            err.println("pipeline-integrity: internal error: " + redactor.get().redact(String.valueOf(ex)));
            for (StackTraceElement e : ex.getStackTrace()) {
                err.println("\tat " + e);
            }
            return ExitCodes.INTERNAL_ERROR;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // picocli hands on errors of the JVM itself: still exit 3, never 1 (which means a policy failed)
            err.println("pipeline-integrity: internal error: " + e + " (the JVM ran out of "
                    + (e instanceof StackOverflowError ? "stack; a larger -Xss may help" : "memory; a larger -Xmx may help")
                    + ")");
            code = ExitCodes.INTERNAL_ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }
}
