package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.report.Format;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.signing.ImageSignatureVerifier;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import io.jenkins.plugins.integrity.signing.SignatureVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verify}: files against their Sigstore bundles and trusted public keys. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify files against their Sigstore bundles (FILE.sigstore.json) and trusted public keys:"
                + " exit 1 unless every file is VERIFIED.")
final class VerifyCommand implements Callable<Integer> {
    private static final int MAX_BUNDLE = 16 << 20;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "A file to verify (repeatable)")
    private List<Path> files = List.of();

    @Option(names = "--image", paramLabel = "REF", description = "An image in a registry whose cosign signatures to"
            + " verify (the tag only finds the digest, which is what is verified)")
    private String image;

    @picocli.CommandLine.Mixin
    private RegistryOptions registry;

    @Option(names = "--require-attestation", paramLabel = "TYPE", description = "With --image: also require an"
            + " attestation of this predicate type, signed by a trusted key, about this image: cyclonedx, slsa, or a"
            + " predicate type URI (repeatable)")
    private List<String> requiredAttestations = List.of();

    @Option(names = "--key", paramLabel = "KEY.pub", required = true,
            description = "A trusted public key, PEM (repeatable: any of them may have signed)")
    private List<Path> keys;

    @Option(names = "--bundle-dir", paramLabel = "DIR",
            description = "Where the bundles are (default: beside each file)")
    private Path bundleDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = ScanSecretsCommand.FormatConverter.class,
            description = "text, json, sarif or html (default: ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (files.isEmpty() == (image == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --file or --image (one of them)");
        }
        List<PublicKey> trusted = new ArrayList<>();
        for (Path k : keys) {
            if (!Files.isRegularFile(k)) {
                throw new InvalidInputException(k.toString(), Files.exists(k) ? "not a file" : "no such file");
            }
            try {
                trusted.add(PublicKeys.fromPem(Files.readString(k)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(k.toString(), e.getMessage());
            }
        }
        if (image != null) {
            return ResultOutput.emit(verifyImage(trusted), format, output, spec.commandLine().getOut());
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new InvalidInputException(f.toString(), Files.exists(f) ? "not a file" : "no such file");
            }
        }
        Path base = Path.of("").toAbsolutePath();
        CheckResult result = new SignatureVerifier(trusted).verifyFiles(files.stream().map(p -> p.toAbsolutePath()
                .normalize()).toList(), this::bundle, base, Gate.failOn(Severity.HIGH));
        return ResultOutput.emit(result, format, output, spec.commandLine().getOut());
    }

    private CheckResult verifyImage(List<PublicKey> trusted) {
        ImageReference ref = SignCommand.registryImage(spec, image);
        ImageSignatureVerifier.Result r;
        try {
            r = new ImageSignatureVerifier(registry.client(ref.registry()), trusted).verify(ref);
        } catch (IOException e) {
            throw new InvalidInputException(ref.toString(), e.getMessage() == null ? "cannot be read" : e.getMessage());
        }
        boolean ok = r.verdict() == SignatureVerifier.Verdict.VERIFIED;
        String name = ref.registry() + "/" + ref.repository() + "@" + r.image();
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("signature-" + r.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                ok ? Severity.INFO : Severity.HIGH, r.verdict() + ": " + r.reason(), Location.ofFile(name),
                io.jenkins.plugins.integrity.check.Digests.sha256Hex(SignatureVerifier.CHECK, name, r.verdict().name())));
        for (String required : requiredAttestations) {
            String type = switch (required.toLowerCase(java.util.Locale.ROOT)) {
                case "cyclonedx", "sbom" -> io.jenkins.plugins.integrity.signing.Attestations.CYCLONEDX;
                case "slsa", "provenance" -> io.jenkins.plugins.integrity.signing.Attestations.SLSA_PROVENANCE;
                default -> required;
            };
            io.jenkins.plugins.integrity.signing.Attestations.Verified a;
            try {
                a = new io.jenkins.plugins.integrity.signing.Attestations(registry.client(ref.registry()))
                        .verify(ref.withDigest(r.image()), trusted, type);
            } catch (IOException e) {
                throw new InvalidInputException(ref.toString(), e.getMessage() == null ? "cannot be read" : e.getMessage());
            }
            ok &= a.ok();
            findings.add(new Finding(a.ok() ? "attestation-verified" : "attestation-missing", a.ok() ? Severity.INFO
                    : Severity.HIGH, type + ": " + a.reason(), Location.ofFile(name),
                    io.jenkins.plugins.integrity.check.Digests.sha256Hex(SignatureVerifier.CHECK, name, type)));
        }
        return new CheckResult(SignatureVerifier.CHECK, ok ? Status.PASS : Status.FAIL, name + ": " + r.verdict()
                + (requiredAttestations.isEmpty() ? "" : ", " + (findings.size() - 1) + " attestation(s) required"),
                findings, java.util.Map.of("images", 1), List.of(new Subject(name, java.util.Map.of(
                        r.image().algorithm(), r.image().hex()))));
    }

    private byte[] bundle(Path file) {
        Path b = (bundleDir == null ? file.getParent() : bundleDir.toAbsolutePath()).resolve(file.getFileName()
                + ".sigstore.json");
        if (!Files.isRegularFile(b)) {
            return null;
        }
        // at most one byte more than a bundle may be, so that an oversized one is refused, not read whole
        try (var in = Files.newInputStream(b)) {
            return in.readNBytes(MAX_BUNDLE + 1);
        } catch (IOException e) {
            return null;
        }
    }
}
