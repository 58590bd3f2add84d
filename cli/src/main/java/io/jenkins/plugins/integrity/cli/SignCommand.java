package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.signing.ArtifactSigner;
import io.jenkins.plugins.integrity.signing.Attestations;
import io.jenkins.plugins.integrity.signing.ImageLayout;
import io.jenkins.plugins.integrity.signing.ImageSigner;
import io.jenkins.plugins.integrity.signing.KeylessSigner;
import io.jenkins.plugins.integrity.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sign}: Sigstore bundles of files, and cosign signatures and attestations of images. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign files with an ECDSA P-256 or Ed25519 private key (PEM PKCS#8, plain or encrypted) or"
                + " keyless (a Fulcio certificate for an OIDC identity, logged in Rekor), writing a Sigstore bundle"
                + " (v0.3) beside each: FILE.sigstore.json. Or sign an image in a registry, in cosign's layout.")
final class SignCommand implements Callable<Integer> {
    static final String PASSPHRASE_ENV = "PIPELINE_INTEGRITY_KEY_PASSPHRASE";
    static final long MAX_KEY = 1 << 20;
    private static final long MAX_PREDICATE = 32 << 20;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "A file to sign (repeatable)")
    private List<Path> files = List.of();

    @Option(names = "--image", paramLabel = "REF", description = "An image in a registry to sign by its digest, in"
            + " cosign's layouts (repeatable)")
    private List<String> images = List.of();

    @picocli.CommandLine.Mixin
    private RegistryOptions registry;

    @Option(names = "--attest-sbom", paramLabel = "FILE", description = "With --image: also attest this CycloneDX"
            + " JSON SBOM (in-toto predicate https://cyclonedx.org/bom), as sha256-<hex>.att")
    private Path attestSbom;

    @Option(names = "--attest-provenance", paramLabel = "FILE", description = "With --image: also attest this SLSA"
            + " provenance v1 predicate (JSON)")
    private Path attestProvenance;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "tag,referrer",
            description = "With --image: where signatures and attestations go: tag (cosign's sha256-<hex>.sig/.att),"
                    + " referrer (a Sigstore bundle as an OCI 1.1 referrer, as cosign 3 writes), or both"
                    + " (default: ${DEFAULT-VALUE})")
    private String layout;

    @Option(names = "--key", paramLabel = "KEY.pem", description = "The private key, PEM PKCS#8")
    private Path key;

    @picocli.CommandLine.Mixin
    private KeylessOptions keyless;

    @Option(names = "--key-passphrase-env", paramLabel = "NAME", defaultValue = PASSPHRASE_ENV,
            description = "The environment variable holding an encrypted key's passphrase (default: ${DEFAULT-VALUE})")
    private String passphraseEnv;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Write the bundles here instead of beside the files")
    private Path outputDir;

    @Override
    public Integer call() throws IOException {
        if (files.isEmpty() == images.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --file or --image (one of them)");
        }
        if (images.isEmpty() && (attestSbom != null || attestProvenance != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "attestations are of images: use --image");
        }
        if ((key == null) == !keyless.keyless) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --key or --keyless (one of them)");
        }
        if (keyless.keyless) {
            return images.isEmpty() ? signKeyless() : signImagesKeyless();
        }
        SigningKey signing = load(key, passphraseEnv);
        if (!images.isEmpty()) {
            List<ImageReference> refs = images.stream().map(i -> registryImage(spec, i)).toList();
            java.util.Set<ImageLayout> layouts;
            try {
                layouts = ImageLayout.parse(layout);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--layout: " + e.getMessage());
            }
            if (refs.size() > 1 && (attestSbom != null || attestProvenance != null)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "an attestation is about one image:"
                        + " give one --image with --attest-sbom or --attest-provenance");
            }
            java.util.Map<String, RegistryClient> clients = new java.util.HashMap<>();
            for (ImageReference ref : refs) {
                signImage(ref, signing, layouts, clients.computeIfAbsent(ref.registry(), registry::client));
            }
            return ExitCodes.OK;
        }
        ArtifactSigner signer = new ArtifactSigner(signing);
        files.forEach(InputFiles::requireRegularFile);
        for (Path f : files) {
            Path bundle = bundlePath(f);
            OutputFiles.write(bundle, signer.signFile(f).toJson());
            spec.commandLine().getOut().println("signed " + f + " (" + signing.algorithm() + ", key "
                    + signing.hint().substring(0, 12) + "): " + bundle);
        }
        return ExitCodes.OK;
    }

    private Path bundlePath(Path file) {
        return (outputDir == null ? file.toAbsolutePath().getParent() : outputDir).resolve(file.getFileName()
                + ".sigstore.json");
    }

    /** All files under one certificate; no bundle is written unless every file was signed and logged. */
    private int signKeyless() {
        files.forEach(InputFiles::requireRegularFile);
        KeylessSigner signer = keyless.signer();
        KeylessSigner.Signed signed;
        try {
            signed = signer.signFiles(files, keyless.token());
        } catch (IOException e) {
            throw new InvalidInputException("keyless signing", e.getMessage());
        }
        for (int i = 0; i < files.size(); i++) {
            Path bundle = bundlePath(files.get(i));
            OutputFiles.write(bundle, signed.bundles().get(i).toJson());
            spec.commandLine().getOut().println("signed " + files.get(i) + " (keyless, as " + signed.identity()
                    + ", logged in " + keyless.rekorUrl + "): " + bundle);
        }
        return ExitCodes.OK;
    }

    /** Images keyless, all under one certificate, in cosign's tag layout (certificate and Rekor bundle annotated). */
    private int signImagesKeyless() {
        if (attestSbom != null || attestProvenance != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "keyless attestations are not offered"
                    + " yet: attest with --key");
        }
        java.util.Set<ImageLayout> layouts;
        try {
            layouts = ImageLayout.parse(layout);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--layout: " + e.getMessage());
        }
        if (!layouts.contains(ImageLayout.TAG)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "keyless image signatures are written in"
                    + " cosign's tag layout only: --layout tag");
        }
        List<ImageReference> refs = images.stream().map(i -> registryImage(spec, i)).toList();
        KeylessSigner.Certified certified;
        try {
            certified = keyless.signer().certify(keyless.token());
        } catch (IOException e) {
            throw new InvalidInputException("keyless signing", e.getMessage());
        }
        java.util.Map<String, RegistryClient> clients = new java.util.HashMap<>();
        for (ImageReference ref : refs) {
            try {
                ImageSigner.Signed signed = new ImageSigner(clients.computeIfAbsent(ref.registry(), registry::client))
                        .signKeyless(ref, certified);
                String repo = ref.registry() + "/" + ref.repository();
                spec.commandLine().getOut().println("signed " + repo + "@" + signed.image() + " (keyless, logged in "
                        + keyless.rekorUrl + "): " + signed.where(repo));
            } catch (IOException e) {
                throw new InvalidInputException(ref.toString(), e.getMessage() == null ? "cannot be signed"
                        : e.getMessage());
            }
        }
        return ExitCodes.OK;
    }

    /** Signs the image, then attests the predicates given, through the registry's client (one login per registry). */
    private void signImage(ImageReference ref, SigningKey signing, java.util.Set<ImageLayout> layouts,
            RegistryClient client) {
        byte[] sbom = attestSbom == null ? null : InputFiles.readBytes(attestSbom, MAX_PREDICATE, "an SBOM");
        byte[] provenance = attestProvenance == null ? null
                : InputFiles.readBytes(attestProvenance, MAX_PREDICATE, "a provenance predicate");
        try {
            ImageSigner.Signed signed = new ImageSigner(client, layouts).sign(ref, signing);
            String repo = ref.registry() + "/" + ref.repository();
            spec.commandLine().getOut().println("signed " + repo + "@" + signed.image() + " (" + signing.algorithm()
                    + ", key " + signing.hint().substring(0, 12) + "): " + signed.where(repo));
            ImageReference pinned = ref.withDigest(signed.image());
            Attestations attestations = new Attestations(client, layouts);
            attest(attestations, pinned, signing, attestSbom, sbom, Attestations.CYCLONEDX);
            attest(attestations, pinned, signing, attestProvenance, provenance, Attestations.SLSA_PROVENANCE);
        } catch (IOException e) {
            throw new InvalidInputException(ref.toString(), e.getMessage() == null ? "cannot be signed" : e.getMessage());
        }
    }

    private void attest(Attestations attestations, ImageReference ref, SigningKey signing, Path file, byte[] predicate,
            String type) throws IOException {
        if (predicate == null) {
            return;
        }
        try {
            attestations.attest(ref, signing, type, predicate);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file.toString(), e.getMessage());
        }
        spec.commandLine().getOut().println("attested " + type + " from " + file);
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

    /** Reads trusted public keys (PEM). @throws InvalidInputException naming a file that is not one */
    static java.util.List<java.security.PublicKey> publicKeys(List<Path> keys) {
        java.util.List<java.security.PublicKey> out = new java.util.ArrayList<>();
        for (Path k : keys) {
            try {
                out.add(io.jenkins.plugins.integrity.signing.PublicKeys.fromPem(InputFiles.readText(k, MAX_KEY,
                        "a PEM key")));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(k.toString(), e.getMessage());
            }
        }
        return out;
    }

    /** Reads a private key; the passphrase only ever comes from the environment. */
    static SigningKey load(Path key, String passphraseEnv) {
        String pem = InputFiles.readText(key, MAX_KEY, "a PEM key");
        String pass = System.getenv(passphraseEnv);
        try {
            return SigningKey.fromPem(pem, pass == null ? null : pass.toCharArray());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(key.toString(), e.getMessage()
                    + (e.getMessage().contains("no passphrase") ? " (set " + passphraseEnv + ")" : ""));
        }
    }

}
