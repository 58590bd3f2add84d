package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.sbom.CycloneDxWriter;
import io.jenkins.plugins.integrity.sbom.SbomGenerator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sbom}: a CycloneDX 1.6 SBOM of what a directory contains. */
@Command(name = "sbom", mixinStandardHelpOptions = true,
        description = "Write a CycloneDX 1.6 SBOM of a directory: npm, yarn, Maven, Gradle, Python, Go, Cargo, Bundler"
                + " and NuGet package lists, and the dpkg and apk databases of a root file system (container images"
                + " are coming).")
final class SbomCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The directory (a checkout, or an"
            + " unpacked root file system)")
    private Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json or xml (default: ${DEFAULT-VALUE})")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the SBOM here instead of stdout")
    private Path output;

    @Override
    public Integer call() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("xml")) {
            throw new ParameterException(spec.commandLine(), "--format must be json or xml, not '" + format + "'");
        }
        SbomGenerator.Sbom sbom = new SbomGenerator().fromDirectory(dir);
        String document = f.equals("json") ? CycloneDxWriter.json(sbom) : CycloneDxWriter.xml(sbom);
        if (output == null) {
            spec.commandLine().getOut().print(document);
        } else {
            OutputFiles.write(output, document);
            spec.commandLine().getOut().println("sbom: " + sbom.components().size() + " components in " + dir
                    + " (CycloneDX 1.6 " + f + ": " + output + ")");
        }
        return ExitCodes.OK;
    }
}
