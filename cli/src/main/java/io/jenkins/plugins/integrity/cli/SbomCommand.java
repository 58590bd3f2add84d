package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.ImageSource;
import io.jenkins.plugins.integrity.oci.ImageSources;
import io.jenkins.plugins.integrity.oci.Platform;
import io.jenkins.plugins.integrity.oci.RegistryCredentials;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.sbom.ContentPolicy;
import io.jenkins.plugins.integrity.sbom.CycloneDxWriter;
import io.jenkins.plugins.integrity.sbom.ImageSbom;
import io.jenkins.plugins.integrity.sbom.SbomCheck;
import io.jenkins.plugins.integrity.sbom.SbomGenerator;
import io.jenkins.plugins.integrity.secrets.RuleSet;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sbom}: a CycloneDX 1.6 SBOM of a directory or an image, and the content policy's findings. */
@Command(name = "sbom", mixinStandardHelpOptions = true,
        description = "Write a CycloneDX 1.6 SBOM of a directory or a container image (npm, yarn, Maven and jars,"
                + " Gradle, Python, Go, Cargo, Bundler, NuGet, dpkg, apk and rpm), and check its content policy: no SSH"
                + " server, no authorized_keys or secrets in the image, no denied packages.")
final class SbomCommand implements Callable<Integer> {
    static final String PASSWORD_ENV = "PIPELINE_INTEGRITY_REGISTRY_PASSWORD";

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Subject subject;

    static final class Subject {
        @Option(names = "--dir", paramLabel = "DIR", required = true,
                description = "A directory (a checkout, or an unpacked root file system)")
        Path dir;

        @Option(names = "--archive", paramLabel = "FILE", required = true,
                description = "A tar, tar.gz or zip archive (a release, a root file system), read in place")
        Path archive;

        @Option(names = "--image", paramLabel = "REF", required = true,
                description = "An image: registry/repository:tag or @sha256:..., oci:DIR[:tag], oci-archive:FILE[:tag]"
                        + " or docker-archive:FILE[:name:tag]")
        String image;
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json or xml (default: ${DEFAULT-VALUE})")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the SBOM here instead of stdout")
    private Path output;

    @Option(names = "--deny-package", paramLabel = "PACKAGE",
            description = "A package that must not be there (repeatable): NAME, NAME@VERSION or a package URL such as"
                    + " pkg:deb/debian/telnetd")
    private List<String> denied = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "HIGH",
            converter = SecretScanOptions.GateConverter.class,
            description = "Fail (exit 1) on content policy findings of this severity or worse, or NONE (default:"
                    + " ${DEFAULT-VALUE})")
    private Gate gate;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the check's result (findings) here")
    private Path report;

    @Option(names = "--report-format", paramLabel = "FORMAT", defaultValue = "json",
            converter = ScanSecretsCommand.FormatConverter.class,
            description = "text, json, sarif or html for --report (default: ${DEFAULT-VALUE})")
    private Format reportFormat;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "The image to take from a multi-platform index (default: linux/amd64)")
    private String platform;

    @Option(names = "--registry-username", paramLabel = "USER", description = "Log in to the registry as this user;"
            + " the password or token is read from the environment variable " + PASSWORD_ENV
            + " or, with --registry-password-stdin, from standard input")
    private String username;

    @Option(names = "--registry-password-stdin", description = "Read the registry password from standard input")
    private boolean passwordStdin;

    @Option(names = "--plain-http", description = "Speak plain HTTP to a registry that is not on a loopback address")
    private boolean plainHttp;

    @Option(names = "--maven-repo", paramLabel = "DIR", description = "A Maven local repository where POMs find their"
            + " parents and imported BOMs (default: ~/.m2/repository when it exists)")
    private Path mavenRepo;

    @Option(names = "--no-secret-scan", description = "Do not scan the image's files and configuration for secrets")
    private boolean noSecretScan;

    @Override
    public Integer call() throws IOException {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("xml")) {
            throw new ParameterException(spec.commandLine(), "--format must be json or xml, not '" + format + "'");
        }
        ContentPolicy policy;
        try {
            policy = new ContentPolicy(denied);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--deny-package: " + e.getMessage());
        }
        SbomGenerator.Sbom sbom;
        List<Finding> findings;
        if (subject.dir != null) {
            sbom = new SbomGenerator(MavenRepository.orDefault(mavenRepo)).fromDirectory(subject.dir);
            findings = policy.evaluate(sbom);
        } else if (subject.archive != null) {
            sbom = new SbomGenerator().fromArchive(subject.archive);
            findings = policy.evaluate(sbom);
        } else {
            SecretScanner secrets = noSecretScan ? null : new SecretScanner(RuleSet.builtIn());
            try (ImageSource source = ImageSources.open(reference(), options())) {
                ImageSbom image = new SbomGenerator().fromImage(source, secrets);
                sbom = image.sbom();
                findings = policy.evaluate(image, secrets);
            }
        }
        String document = f.equals("json") ? CycloneDxWriter.json(sbom) : CycloneDxWriter.xml(sbom);
        CheckResult result = SbomCheck.result(sbom, findings, gate, output == null ? null : output.toString());
        PrintWriter summaryTo = output == null ? spec.commandLine().getErr() : spec.commandLine().getOut();
        if (output == null) {
            spec.commandLine().getOut().print(document);
            spec.commandLine().getOut().flush();
        } else {
            OutputFiles.write(output, document);
        }
        if (report != null) {
            OutputFiles.write(report, reportFormat.renderer().render(result));
        }
        summaryTo.println("sbom: " + result.status() + " - " + result.summary());
        for (Finding finding : result.findings()) {
            summaryTo.println("  " + finding.severity() + " " + finding.rule() + " " + finding.location() + ": "
                    + finding.message());
        }
        summaryTo.flush();
        return ExitCodes.of(result.status());
    }

    private ImageReference reference() {
        try {
            return ImageReference.parse(subject.image);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--image: " + e.getMessage());
        }
    }

    private ImageSources.Options options() throws IOException {
        Platform p;
        try {
            p = platform == null ? Platform.LINUX_AMD64 : Platform.of(platform);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--platform: " + e.getMessage());
        }
        RegistryCredentials credentials = null;
        if (username != null) {
            String secret = passwordStdin ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip()
                    : System.getenv(PASSWORD_ENV);
            if (secret == null || secret.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--registry-username needs a password: set "
                        + PASSWORD_ENV + " or pass --registry-password-stdin");
            }
            credentials = new RegistryCredentials(username, secret);
        }
        return new ImageSources.Options(p, credentials, plainHttp);
    }
}
