package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.secrets.GitHistoryScanner;
import io.jenkins.plugins.integrity.secrets.ScanMonitor;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scan-secrets}: finds leaked credentials in files and reports them without their values. */
@Command(name = "scan-secrets", mixinStandardHelpOptions = true,
        description = "Scan files for leaked credentials. Findings show rule, file, line, column and a"
                + " fingerprint, never the secret.")
final class ScanSecretsCommand implements Callable<Integer> {
    @ParentCommand
    private PipelineIntegrityCommand parent;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories to scan (default: .)")
    private List<Path> paths = List.of(Path.of("."));

    @Mixin
    private SecretScanOptions options;

    @Mixin
    private ResultOutput report;

    @Option(names = "--history",
            description = "Scan every blob in the git history of the repository holding PATH (each blob once, at"
                    + " the commit where it first appears) instead of the files")
    private boolean history;

    @Option(names = "--since", paramLabel = "REV",
            description = "With --history: only the commits not reachable from REV (a commit, branch or tag)")
    private String since;

    @Override
    public Integer call() {
        SecretScanner scanner = new SecretScanner(options.rules());
        ScanMonitor monitor = new ScanMonitor();
        CheckResult result;
        if (since != null && !history) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--since needs --history");
        }
        if (history && paths.size() != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--history takes one repository");
        }
        if (history) {
            Path repo = paths.get(0);
            result = new GitHistoryScanner(scanner).scan(repo, since, options.request(paths, repo, List.of()));
        } else {
            try (ProgressLine ignored = ProgressLine.start(parent.terminal(), monitor, spec.commandLine().getErr())) {
                result = scanner.scan(options.request(paths, Path.of("").toAbsolutePath(), List.of()), monitor);
            }
        }
        return report.emit(result, spec.commandLine().getOut());
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
