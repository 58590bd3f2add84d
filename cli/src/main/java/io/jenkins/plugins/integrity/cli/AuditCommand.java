package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.commits.CommitRange;
import io.jenkins.plugins.integrity.commits.CommitSignatureVerifier;
import io.jenkins.plugins.integrity.deploy.DeployCheck;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.report.HtmlRenderer;
import io.jenkins.plugins.integrity.report.Report;
import io.jenkins.plugins.integrity.sbom.ContentPolicy;
import io.jenkins.plugins.integrity.sbom.CycloneDxWriter;
import io.jenkins.plugins.integrity.sbom.SbomCheck;
import io.jenkins.plugins.integrity.sbom.SbomGenerator;
import io.jenkins.plugins.integrity.secrets.ScanMonitor;
import io.jenkins.plugins.integrity.secrets.ScanRequest;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: runs every check that applies to a directory and writes one report in three formats
 * (report.json, report.sarif, report.html): the secret scan, the SBOM (bom.cdx.json), the deployment
 * configuration (Dockerfiles, manifests, Compose files), and, when trusted keys are given, the signatures of
 * the repository's commits. Each new capability joins here.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Run every check on a directory and write report.json, report.sarif and report.html: the secret"
                + " scan, the SBOM (bom.cdx.json), the deployment configuration (Dockerfiles, Kubernetes manifests,"
                + " Compose files), and the commit signatures when trusted keys are given.")
final class AuditCommand implements Callable<Integer> {
    @ParentCommand
    private PipelineIntegrityCommand parent;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The directory to audit (default: .)")
    private Path dir = Path.of(".");

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "integrity-report",
            description = "Where the reports are written (default: ${DEFAULT-VALUE})")
    private Path output;

    @Mixin
    private SecretScanOptions secretOptions;

    @Mixin
    private TrustOptions trustOptions;

    @Option(names = "--commits-since", paramLabel = "REV",
            description = "With trusted keys: verify only the commits of HEAD not in REV (default: HEAD and its"
                    + " ancestors, at most 1000)")
    private String commitsSince;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir.toString(), Files.exists(dir) ? "not a directory"
                    : "no such file or directory");
        }
        Path base = dir.toAbsolutePath().normalize();
        List<CheckResult> results = new ArrayList<>();
        ScanMonitor monitor = new ScanMonitor();
        ScanRequest request = secretOptions.request(List.of(dir), base, outputInside(base));
        try (ProgressLine ignored = ProgressLine.start(parent.terminal(), monitor, spec.commandLine().getErr())) {
            results.add(new SecretScanner(secretOptions.rules()).scan(request, monitor));
        }
        results.add(sbom(base, request));
        results.add(DeployCheck.check(List.of(dir), java.util.Map.of(), java.util.Map.of(), null, request::selects, base,
                List.of(), secretOptions.gate));
        if (trustOptions.given()) {
            CommitRange range = commitsSince == null ? CommitRange.head() : CommitRange.head().since(commitsSince);
            results.add(new CommitSignatureVerifier(trustOptions.policy(), Instant.now())
                    .verify(dir, range, secretOptions.gate));
        } else if (commitsSince != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--commits-since needs trusted keys (--policy, --openpgp-keys, --allowed-signers or --x509-roots)");
        }
        Report report = Report.of(results);
        for (Format format : List.of(Format.JSON, Format.SARIF)) {
            OutputFiles.write(output.resolve("report." + format.extension()), format.renderer().render(report));
        }
        // the same page as the build's Integrity Report, linking the evidence written beside it
        List<HtmlRenderer.Evidence> evidence = new ArrayList<>();
        for (String name : List.of("bom.cdx.json", "report.json", "report.sarif")) {
            if (Files.isRegularFile(output.resolve(name))) {
                evidence.add(new HtmlRenderer.Evidence(name, name));
            }
        }
        OutputFiles.write(output.resolve("report.html"), new HtmlRenderer(HtmlRenderer.Links.evidence(evidence))
                .render(report));
        spec.commandLine().getOut().print(Format.TEXT.renderer().render(report));
        spec.commandLine().getOut().println("report: " + output.resolve("report.html"));
        return ExitCodes.of(report.status());
    }

    /**
     * The directory's SBOM, written as bom.cdx.json beside the reports, and its summary as a check: PASS with
     * the component counts, or ERROR naming the file that could not be read.
     */
    private CheckResult sbom(Path base, ScanRequest request) {
        try {
            SbomGenerator.Sbom sbom = new SbomGenerator(MavenRepository.orDefault(null)).fromDirectory(dir,
                    request::selects);
            OutputFiles.write(output.resolve("bom.cdx.json"), CycloneDxWriter.json(sbom));
            return SbomCheck.result(sbom, new ContentPolicy(List.of()).evaluate(sbom), Gate.failOn(Severity.HIGH),
                    output.resolve("bom.cdx.json").toString());
        } catch (InvalidInputException e) {
            return CheckResult.error("sbom", e.getMessage(), List.of(Subject.named(base.toString())));
        }
    }

    /** The report directory, when it lies inside the audited one, is not audited itself. */
    private List<String> outputInside(Path base) {
        Path out = output.toAbsolutePath().normalize();
        if (out.startsWith(base) && !out.equals(base)) {
            return List.of(base.relativize(out).toString().replace('\\', '/') + "/");
        }
        return List.of();
    }
}
