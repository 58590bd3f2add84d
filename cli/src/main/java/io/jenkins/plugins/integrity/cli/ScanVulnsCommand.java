package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.ImageSource;
import io.jenkins.plugins.integrity.oci.ImageSources;
import io.jenkins.plugins.integrity.oci.Platform;
import io.jenkins.plugins.integrity.sbom.CycloneDxReader;
import io.jenkins.plugins.integrity.sbom.CycloneDxWriter;
import io.jenkins.plugins.integrity.sbom.SbomGenerator;
import io.jenkins.plugins.integrity.vulns.OsvStore;
import io.jenkins.plugins.integrity.vulns.VersionPolicy;
import io.jenkins.plugins.integrity.vulns.VexReader;
import io.jenkins.plugins.integrity.vulns.VexStatement;
import io.jenkins.plugins.integrity.vulns.VulnerabilityBom;
import io.jenkins.plugins.integrity.vulns.VulnerabilityDatabase;
import io.jenkins.plugins.integrity.vulns.VulnerabilityScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code scan-vulns}: the components of an SBOM (given, or made from a directory or an image) matched against
 * OSV vulnerability data the user supplies (osv.dev's per-ecosystem all.zip exports, or directories of records),
 * offline.
 */
@Command(name = "scan-vulns", mixinStandardHelpOptions = true,
        description = "Match an SBOM's components (a CycloneDX SBOM, or one made of a directory or an image) against"
                + " OSV vulnerability data (osv.dev's all.zip exports or directories of OSV records), offline, with"
                + " each ecosystem's own version order.")
final class ScanVulnsCommand implements Callable<Integer> {
    private static final long MAX_SBOM = 256L << 20;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    static final class Input {
        @Option(names = "--sbom", paramLabel = "FILE", required = true,
                description = "A CycloneDX SBOM (JSON or XML), ours or another tool's")
        Path sbom;

        @Option(names = "--dir", paramLabel = "DIR", required = true, description = "A directory to make the SBOM of")
        Path dir;

        @Option(names = "--image", paramLabel = "REF", required = true,
                description = "An image to make the SBOM of: registry/repository:tag or @sha256:..., oci:DIR[:tag],"
                        + " oci-archive:FILE, docker-archive:FILE")
        String image;
    }

    @Option(names = "--osv", paramLabel = "PATH", required = true, description = "OSV data: an all.zip export, a"
            + " directory of records and zips, or a record (repeatable)")
    private List<Path> osv;

    @Option(names = "--cache", paramLabel = "DIR", description = "Where the OSV data is indexed, read instead of the"
            + " zips until they change (default: ~/.cache/pipeline-integrity/osv)")
    private Path cache;

    @Option(names = "--no-cache", description = "Read the OSV data afresh and keep no index")
    private boolean noCache;

    @Option(names = "--vex", paramLabel = "FILE", description = "A VEX document (CycloneDX VEX or OpenVEX) whose"
            + " not_affected, false_positive, resolved or fixed statements suppress findings (repeatable; a later"
            + " statement about the same finding wins)")
    private List<Path> vex = List.of();

    @Option(names = "--version-policy", paramLabel = "FILE", description = "Denied, end-of-life and minimum versions"
            + " (YAML: denied, endOfLife, minimums), judged beside the vulnerabilities")
    private Path versionPolicy;

    @Option(names = "--sbom-output", paramLabel = "FILE", description = "Also write the SBOM with a CycloneDX 1.6"
            + " vulnerabilities section (ratings, fixes, affected components, VEX analysis)")
    private Path sbomOutput;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "HIGH",
            converter = SecretScanOptions.GateConverter.class,
            description = "Fail (exit 1) on a vulnerability of this severity or worse, or NONE (default: ${DEFAULT-VALUE})")
    private Gate gate;

    @Mixin
    private ResultOutput report;

    @Mixin
    private RegistryOptions registry;

    @Override
    public Integer call() throws IOException {
        List<VexStatement> statements = new ArrayList<>();
        for (Path v : vex) {
            statements.addAll(VexReader.read(v, v.toString()));
        }
        byte[] document = document();
        String source = input.sbom != null ? input.sbom.toString() : input.dir != null ? input.dir.toString()
                : input.image;
        CycloneDxReader.Read sbom = CycloneDxReader.read(document, source);
        Path cacheDir = noCache ? null : cache != null ? cache : Path.of(System.getProperty("user.home"), ".cache",
                "pipeline-integrity", "osv");
        VulnerabilityDatabase db = OsvStore.load(osv, cacheDir).database();
        VersionPolicy versions = versionPolicy == null ? VersionPolicy.none()
                : VersionPolicy.read(versionPolicy, versionPolicy.toString());
        VulnerabilityScanner.Scan scan = new VulnerabilityScanner(db, statements, versions).scan(sbom.components(), sbom.layers(),
                input.sbom != null ? sbom.subject() : source, gate);
        if (sbomOutput != null) {
            OutputFiles.write(sbomOutput, VulnerabilityBom.json(document, source, scan.matches()));
        }
        return report.emit(scan.result(), spec.commandLine().getOut());
    }

    /** The SBOM's bytes: the file given, or the one made of the directory or the image. */
    private byte[] document() throws IOException {
        if (input.sbom != null) {
            return InputFiles.readBytes(input.sbom, MAX_SBOM, "an SBOM");
        }
        String json;
        if (input.dir != null) {
            json = CycloneDxWriter.json(new SbomGenerator(MavenRepository.orDefault(null)).fromDirectory(input.dir));
        } else {
            ImageReference ref;
            try {
                ref = ImageReference.parse(input.image);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--image: " + e.getMessage());
            }
            try (ImageSource source = ImageSources.open(ref, new ImageSources.Options(Platform.LINUX_AMD64,
                    registry.credentials(), registry.plainHttp))) {
                json = CycloneDxWriter.json(new SbomGenerator().fromImage(source, null).sbom());
            }
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
