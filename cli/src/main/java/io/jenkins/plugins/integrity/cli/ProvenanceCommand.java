package io.jenkins.plugins.integrity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.provenance.BuildProvenance;
import io.jenkins.plugins.integrity.provenance.ResourceDescriptor;
import io.jenkins.plugins.integrity.signing.Dsse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provenance}: SLSA provenance v1 for files and images, signed as DSSE with {@code --key}. */
@Command(name = "provenance", mixinStandardHelpOptions = true,
        description = "Write SLSA provenance v1 (an in-toto Statement v1) for the subjects: files by their SHA-256,"
                + " images in a registry by their manifest digest; signed as a DSSE envelope with --key.")
final class ProvenanceCommand implements Callable<Integer> {
    /** The build type of builds described from the command line, documented in docs/provenance.md. */
    static final String CLI_BUILD = "https://github.com/jenkinsci/pipeline-integrity/blob/main/docs/provenance.md"
            + "#buildtype-command-line-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--subject", paramLabel = "FILE|REF", required = true,
            description = "What was built: a file, or an image in a registry (repeatable)")
    private List<String> subjects;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write it")
    private Path output;

    @Option(names = "--builder-id", paramLabel = "URI", required = true,
            description = "Who built it: the build platform's URI (a Jenkins controller's URL)")
    private String builderId;

    @Option(names = "--build-type", paramLabel = "URI", defaultValue = CLI_BUILD,
            description = "How the parameters are to be read (default: ${DEFAULT-VALUE})")
    private String buildType;

    @Option(names = "--invocation-id", paramLabel = "ID", description = "This build's id (a build URL)")
    private String invocationId;

    @Option(names = "--source-uri", paramLabel = "URI", description = "The source repository (git+https://...@REF)")
    private String sourceUri;

    @Option(names = "--source-commit", paramLabel = "SHA", description = "The source commit built")
    private String sourceCommit;

    @Option(names = "--source-ref", paramLabel = "REF", description = "The branch or tag built (main, refs/tags/v1.4.0)")
    private String sourceRef;

    @Option(names = "--parameter", paramLabel = "NAME=VALUE", description = "An external parameter (repeatable)")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--byproduct", paramLabel = "FILE", description = "A byproduct to link by digest: an SBOM, a"
            + " report (repeatable)")
    private List<Path> byproducts = new ArrayList<>();

    @Option(names = "--started-on", paramLabel = "TIME", description = "When the build started (RFC 3339)")
    private String startedOn;

    @Option(names = "--finished-on", paramLabel = "TIME", description = "When it finished (RFC 3339; default: now)")
    private String finishedOn;

    @Option(names = "--key", paramLabel = "KEY.pem", description = "Sign with this private key (PEM PKCS#8)")
    private Path key;

    @Option(names = "--key-passphrase-env", paramLabel = "NAME", defaultValue = SignCommand.PASSPHRASE_ENV,
            description = "The environment variable holding an encrypted key's passphrase (default: ${DEFAULT-VALUE})")
    private String passphraseEnv;

    @picocli.CommandLine.Mixin
    private RegistryOptions registry;

    @Override
    public Integer call() throws IOException {
        List<ResourceDescriptor> described = new ArrayList<>();
        for (String s : subjects) {
            described.add(subject(s));
        }
        ObjectNode external = JSON.createObjectNode();
        parameters.forEach(external::put);
        if (sourceUri != null) {
            ObjectNode source = external.putObject("source").put("uri", sourceUri);
            if (sourceRef != null) {
                source.put("ref", sourceRef);
            }
        }
        List<ResourceDescriptor> deps = new ArrayList<>();
        if (sourceUri != null && sourceCommit != null) {
            deps.add(new ResourceDescriptor(null, sourceUri, Map.of("gitCommit", sourceCommit.strip()), null));
        }
        List<ResourceDescriptor> by = new ArrayList<>();
        for (Path b : byproducts) {
            String name = b.toString().replace('\\', '/');
            String type = name.endsWith(".cdx.json") ? "application/vnd.cyclonedx+json" : name.endsWith(".cdx.xml")
                    ? "application/vnd.cyclonedx+xml" : name.endsWith(".sarif") ? "application/sarif+json"
                    : name.endsWith(".json") ? "application/json" : null;
            by.add(new ResourceDescriptor(name, null, Map.of("sha256", sha256(b)), type));
        }
        BuildProvenance p;
        try {
            p = new BuildProvenance(described, buildType, external, null, deps, builderId, Map.of("pipeline-integrity",
                    io.jenkins.plugins.integrity.report.ToolInfo.current().version()), invocationId, time(startedOn, "--started-on", null),
                    time(finishedOn, "--finished-on", Instant.now()), by);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String text = key == null ? new String(p.statement(), java.nio.charset.StandardCharsets.UTF_8) + "\n"
                : Dsse.sign(Dsse.IN_TOTO, p.statement(), SignCommand.load(key, passphraseEnv)).toJson() + "\n";
        OutputFiles.write(output, text);
        spec.commandLine().getOut().println("provenance of " + described.size() + " subject" + (described.size() == 1
                ? "" : "s") + (key == null ? ", unsigned" : ", signed") + ": " + output);
        return ExitCodes.OK;
    }

    private ResourceDescriptor subject(String s) {
        Path f = Path.of(s);
        if (Files.isRegularFile(f)) {
            return ResourceDescriptor.file(f.getFileName().toString(), sha256(f));
        }
        ImageReference ref;
        try {
            ref = ImageReference.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(s, "neither a file nor an image reference");
        }
        if (ref.transport() != ImageReference.Transport.REGISTRY) {
            throw new InvalidInputException(s, "an image subject is named in its registry: push it first");
        }
        try {
            var digest = ref.digest() != null ? ref.digest() : registry.client(ref.registry()).manifest(ref.repository(),
                    ref.tag()).digest();
            return new ResourceDescriptor(ref.registry() + "/" + ref.repository(), null, Map.of(digest.algorithm(),
                    digest.hex()), null);
        } catch (IOException e) {
            throw new InvalidInputException(s, e.getMessage() == null ? "cannot be read" : e.getMessage());
        }
    }

    private Instant time(String text, String option, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + ": not an RFC 3339 time");
        }
    }

    static String sha256(Path f) {
        try {
            return io.jenkins.plugins.integrity.check.Digests.sha256Hex(f);
        } catch (IOException e) {
            throw new InvalidInputException(f.toString(), Files.exists(f) ? "cannot be read" : "no such file");
        }
    }
}
