package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.secrets.FileWalker;
import io.jenkins.plugins.integrity.secrets.GitHistoryScanner;
import io.jenkins.plugins.integrity.secrets.ScanMonitor;
import io.jenkins.plugins.integrity.secrets.ScanRequest;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
        if (since != null && !history) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--since needs --history");
        }
        if (history && paths.size() != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--history takes one repository");
        }
        CheckResult result;
        if (history) {
            Path repo = paths.get(0);
            SecretScanner scanner = new SecretScanner(options.rules());
            result = new GitHistoryScanner(scanner).scan(repo, since, options.request(paths, repo, List.of()));
        } else {
            ScanRequest request = options.request(paths, Path.of("").toAbsolutePath(), List.of());
            // the tree is walked while the rules are compiled: both take a few tenths of a second in a fresh JVM
            CompletableFuture<FileWalker.Walk> walk =
                    CompletableFuture.supplyAsync(() -> new FileWalker(request).walk());
            SecretScanner scanner = new SecretScanner(options.rules());
            ScanMonitor monitor = new ScanMonitor();
            try (ProgressLine ignored = ProgressLine.start(parent.terminal(), monitor, spec.commandLine().getErr())) {
                result = scanner.scan(walked(walk), request, monitor);
            }
        }
        return report.emit(result, spec.commandLine().getOut());
    }

    private static FileWalker.Walk walked(CompletableFuture<FileWalker.Walk> walk) {
        try {
            return walk.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause; // a path that cannot be walked is reported as it was without the overlap
            }
            throw e;
        }
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
