package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.signing.ArtifactSigner;
import io.jenkins.plugins.integrity.signing.ImageSigner;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sign}: Sigstore bundles of files, signed with a private key (images and keyless signing are coming). */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign files with an ECDSA P-256 or Ed25519 private key (PEM PKCS#8, plain or encrypted), writing"
                + " a Sigstore bundle (v0.3) beside each: FILE.sigstore.json.")
final class SignCommand implements Callable<Integer> {
    static final String PASSPHRASE_ENV = "PIPELINE_INTEGRITY_KEY_PASSPHRASE";

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "A file to sign (repeatable)")
    private List<Path> files = List.of();

    @Option(names = "--image", paramLabel = "REF", description = "An image in a registry to sign by its digest, in"
            + " cosign's layout (sha256-<hex>.sig)")
    private String image;

    @picocli.CommandLine.Mixin
    private RegistryOptions registry;

    @Option(names = "--attest-sbom", paramLabel = "FILE", description = "With --image: also attest this CycloneDX"
            + " JSON SBOM (in-toto predicate https://cyclonedx.org/bom), as sha256-<hex>.att")
    private Path attestSbom;

    @Option(names = "--attest-provenance", paramLabel = "FILE", description = "With --image: also attest this SLSA"
            + " provenance v1 predicate (JSON)")
    private Path attestProvenance;

    @Option(names = "--key", paramLabel = "KEY.pem", required = true, description = "The private key, PEM PKCS#8")
    private Path key;

    @Option(names = "--key-passphrase-env", paramLabel = "NAME", defaultValue = PASSPHRASE_ENV,
            description = "The environment variable holding an encrypted key's passphrase (default: ${DEFAULT-VALUE})")
    private String passphraseEnv;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Write the bundles here instead of beside the files")
    private Path outputDir;

    @Override
    public Integer call() throws IOException {
        if (files.isEmpty() == (image == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --file or --image (one of them)");
        }
        if (image == null && (attestSbom != null || attestProvenance != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "attestations are of images: use --image");
        }
        SigningKey signing = load(key, passphraseEnv);
        if (image != null) {
            ImageReference ref = registryImage(spec, image);
            ImageSigner.Signed signed;
            try {
                signed = new ImageSigner(registry.client(ref.registry())).sign(ref, signing);
            } catch (IOException e) {
                throw new InvalidInputException(ref.toString(), e.getMessage() == null ? "cannot be signed" : e.getMessage());
            }
            spec.commandLine().getOut().println("signed " + ref.registry() + "/" + ref.repository() + "@" + signed.image()
                    + " (" + signing.algorithm() + ", key " + signing.hint().substring(0, 12) + "): "
                    + ref.registry() + "/" + ref.repository() + ":" + signed.signatureTag());
            ImageReference pinned = ref.withDigest(signed.image());
            attest(pinned, signing, attestSbom, io.jenkins.plugins.integrity.signing.Attestations.CYCLONEDX);
            attest(pinned, signing, attestProvenance, io.jenkins.plugins.integrity.signing.Attestations.SLSA_PROVENANCE);
            return ExitCodes.OK;
        }
        ArtifactSigner signer = new ArtifactSigner(signing);
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new InvalidInputException(f.toString(), Files.exists(f) ? "not a file" : "no such file");
            }
        }
        for (Path f : files) {
            Path bundle = (outputDir == null ? f.toAbsolutePath().getParent() : outputDir)
                    .resolve(f.getFileName() + ".sigstore.json");
            OutputFiles.write(bundle, signer.signFile(f).toJson());
            spec.commandLine().getOut().println("signed " + f + " (" + signing.algorithm() + ", key "
                    + signing.hint().substring(0, 12) + "): " + bundle);
        }
        return ExitCodes.OK;
    }

    private void attest(ImageReference ref, SigningKey signing, Path predicate, String type) throws IOException {
        if (predicate == null) {
            return;
        }
        if (!Files.isRegularFile(predicate)) {
            throw new InvalidInputException(predicate.toString(), Files.exists(predicate) ? "not a file" : "no such file");
        }
        try {
            new io.jenkins.plugins.integrity.signing.Attestations(registry.client(ref.registry())).attest(ref, signing, type,
                    Files.readAllBytes(predicate));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(predicate.toString(), e.getMessage());
        }
        spec.commandLine().getOut().println("attested " + type + " from " + predicate);
    }

    /** A registry image reference, or a usage error: local layouts and archives are not signed in place. */
    static ImageReference registryImage(picocli.CommandLine.Model.CommandSpec spec, String text) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--image: " + e.getMessage());
        }
        if (ref.transport() != ImageReference.Transport.REGISTRY) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--image: signatures live in a"
                    + " registry; push the image first");
        }
        return ref;
    }

    /** Reads a private key; the passphrase only ever comes from the environment. */
    static SigningKey load(Path key, String passphraseEnv) throws IOException {
        if (!Files.isRegularFile(key)) {
            throw new InvalidInputException(key.toString(), Files.exists(key) ? "not a file" : "no such file");
        }
        String pass = System.getenv(passphraseEnv);
        try {
            return SigningKey.fromPem(Files.readString(key), pass == null ? null : pass.toCharArray());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(key.toString(), e.getMessage()
                    + (e.getMessage().contains("no passphrase") ? " (set " + passphraseEnv + ")" : ""));
        }
    }

}
