package io.jenkins.plugins.integrity.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.ImageSource;
import io.jenkins.plugins.integrity.oci.ImageSources;
import io.jenkins.plugins.integrity.oci.Platform;
import io.jenkins.plugins.integrity.oci.RegistryCredentials;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.sbom.ContentPolicy;
import io.jenkins.plugins.integrity.sbom.CycloneDxWriter;
import io.jenkins.plugins.integrity.sbom.ImageSbom;
import io.jenkins.plugins.integrity.sbom.SbomCheck;
import io.jenkins.plugins.integrity.sbom.SbomGenerator;
import io.jenkins.plugins.integrity.secrets.RuleSet;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * The SBOM, made on the agent that holds the workspace (or pulls the image): the CycloneDX document is
 * written into the workspace only once it is complete, and the check's result comes back as JSON. Local images
 * and the output must lie inside the workspace.
 */
final class SbomCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String image;
    private final String output;
    private final String format;
    private final List<String> denied;
    private final String failOn;
    private final String platform;
    private final String username;
    private final String password;
    private final boolean plainHttp;

    SbomCallable(String path, String image, String output, String format, List<String> denied, String failOn,
            String platform, String username, String password, boolean plainHttp) {
        this.path = path;
        this.image = image;
        this.output = output;
        this.format = format;
        this.denied = List.copyOf(denied);
        this.failOn = failOn;
        this.platform = platform;
        this.username = username;
        this.password = password;
        this.plainHttp = plainHttp;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException {
        Path base = workspace.toPath().toAbsolutePath().normalize();
        String shown = image != null ? image : path == null ? "." : path;
        try {
            Path out = SecretScanCallable.WorkspacePaths.inside(base, output);
            ContentPolicy policy = new ContentPolicy(denied);
            SbomGenerator.Sbom sbom;
            List<Finding> findings;
            Path target = image == null ? SecretScanCallable.WorkspacePaths.inside(base, path) : null;
            if (target != null && Files.isRegularFile(target)) {
                sbom = new SbomGenerator().fromArchive(target);
                findings = policy.evaluate(sbom);
            } else if (image == null) {
                sbom = new SbomGenerator(agentMavenRepository()).fromDirectory(target,
                        p -> !(p.equals(output) || p.startsWith(ResultPublisher.REPORT_DIR + "/")));
                findings = policy.evaluate(sbom);
            } else {
                SecretScanner secrets = new SecretScanner(RuleSet.builtIn());
                try (ImageSource source = ImageSources.open(reference(base), options())) {
                    ImageSbom contents = new SbomGenerator().fromImage(source, secrets);
                    sbom = contents.sbom();
                    findings = policy.evaluate(contents, secrets);
                }
            }
            String document = format.equals("xml") ? CycloneDxWriter.xml(sbom) : CycloneDxWriter.json(sbom);
            writeWhole(out, document);
            return Json.write(SbomCheck.result(sbom, findings, Gate.parse(failOn), output));
        } catch (InvalidInputException e) {
            return Json.write(SbomCheck.error(shown, e.getMessage()));
        } catch (IllegalArgumentException e) {
            return Json.write(SbomCheck.error(shown, e.getMessage()));
        }
    }

    /** The agent user's ~/.m2/repository, where a build's POMs find their parents, if there is one. */
    private static Path agentMavenRepository() {
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        return Files.isDirectory(repo) ? repo : null;
    }

    private ImageReference reference(Path base) throws IOException {
        return workspaceImage(base, image);
    }

    /** An image by reference; a local image's path is taken in the workspace, and must stay there. */
    static ImageReference workspaceImage(Path base, String image) throws IOException {
        ImageReference ref = ImageReference.parse(image);
        if (ref.transport() == ImageReference.Transport.REGISTRY) {
            return ref;
        }
        Path local = SecretScanCallable.WorkspacePaths.inside(base, ref.path().toString());
        return new ImageReference(ref.transport(), null, null, ref.tag(), null, local);
    }

    private ImageSources.Options options() {
        return new ImageSources.Options(platform == null ? Platform.LINUX_AMD64 : Platform.of(platform),
                username == null ? null : new RegistryCredentials(username, password), plainHttp);
    }

    /** Writes the file beside its place and moves it there, so that no reader sees half a document. */
    private static void writeWhole(Path out, String document) throws IOException {
        Files.createDirectories(out.getParent());
        Path tmp = Files.createTempFile(out.getParent(), ".sbom", ".tmp");
        try {
            Files.writeString(tmp, document, StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Never shows the registry password. */
    @Override
    public String toString() {
        return "SbomCallable[" + (image != null ? image : path) + "]";
    }
}
