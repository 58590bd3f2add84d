package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.provenance.PolicyCheck;
import io.jenkins.plugins.integrity.provenance.ReleaseVerifier;
import io.jenkins.plugins.integrity.provenance.ReleasePolicy;
import io.jenkins.plugins.integrity.signing.Attestations;
import io.jenkins.plugins.integrity.signing.ImageSignatureVerifier;
import io.jenkins.plugins.integrity.signing.KeylessPolicy;
import io.jenkins.plugins.integrity.signing.SignatureVerifier;
import io.jenkins.plugins.integrity.signing.SigstoreBundle;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verify}: files against their Sigstore bundles, images against their cosign signatures. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify files against their Sigstore bundles (FILE.sigstore.json), by trusted public keys or"
                + " keyless by a certificate identity and OIDC issuer; or an image's cosign signatures:"
                + " exit 1 unless every file is VERIFIED.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "A file to verify (repeatable)")
    private List<Path> files = List.of();

    @Option(names = "--image", paramLabel = "REF", description = "An image in a registry whose signatures to"
            + " verify (the tag only finds the digest, which is what is verified); repeatable")
    private List<String> images = List.of();

    @picocli.CommandLine.Mixin
    private RegistryOptions registry;

    @Option(names = "--require-attestation", paramLabel = "TYPE", description = "With --image: also require an"
            + " attestation of this predicate type, signed by a trusted key, about this image: cyclonedx, slsa, or a"
            + " predicate type URI (repeatable)")
    private List<String> requiredAttestations = List.of();

    @Option(names = "--key", paramLabel = "KEY.pub",
            description = "A trusted public key, PEM (repeatable: any of them may have signed)")
    private List<Path> keys = List.of();

    @picocli.CommandLine.Mixin
    private CertificateOptions certificates;

    @Option(names = "--bundle-dir", paramLabel = "DIR",
            description = "Where the bundles are (default: beside each file)")
    private Path bundleDir;

    @Option(names = "--policy", paramLabel = "FILE", description = "A release policy (YAML, docs/policy.md): builders,"
            + " sources, provenance, SBOM, denied packages, commits, secrets; judged with the signatures")
    private Path policyFile;

    @Option(names = "--provenance", paramLabel = "FILE", description = "With --file and --policy: the signed"
            + " provenance (DSSE envelope) of the files")
    private Path provenanceFile;

    @Option(names = "--provenance-key", paramLabel = "KEY.pub", description = "With --policy: a public key (PEM)"
            + " trusted to sign provenance, such as the Jenkins controller's (repeatable; default: the --key keys)")
    private List<Path> provenanceKeys = List.of();

    @Option(names = "--evidence", paramLabel = "DIR", description = "With --policy: where the build's archived"
            + " evidence is (the SBOM and pipeline-integrity/results/*.json the provenance links by digest)")
    private Path evidenceDir;

    @picocli.CommandLine.Mixin
    private ResultOutput report;

    @Override
    public Integer call() throws IOException {
        if (files.isEmpty() == images.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --file or --image (one of them)");
        }
        if (keys.isEmpty() && !certificates.given()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --key, or a certificate identity,"
                    + " OIDC issuer and --trusted-root for keyless signatures");
        }
        KeylessPolicy keyless = certificates.policyIfGiven(spec.commandLine());
        List<PublicKey> trusted = SignCommand.publicKeys(keys);
        if (policyFile == null && (!provenanceKeys.isEmpty() || provenanceFile != null || evidenceDir != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--provenance, --provenance-key and"
                    + " --evidence are read with --policy");
        }
        ReleasePolicy policy = policyFile == null ? null : readPolicy();
        if (!images.isEmpty()) {
            CheckResult signatures = verifyImage(trusted, keyless);
            CheckResult result = policy == null ? signatures : PolicyCheck.combine(signatures, imagePolicies(policy,
                    trusted));
            return report.emit(result, spec.commandLine().getOut());
        }
        files.forEach(InputFiles::requireRegularFile);
        Path base = Path.of("").toAbsolutePath();
        CheckResult result = new SignatureVerifier(trusted, keyless).verifyFiles(files.stream().map(p -> p.toAbsolutePath()
                .normalize()).toList(), f -> SigstoreBundle.readBeside(f, bundleDir), base, Gate.failOn(Severity.HIGH));
        if (policy != null) {
            result = PolicyCheck.combine(result, filePolicies(policy, trusted));
        }
        return report.emit(result, spec.commandLine().getOut());
    }

    private CheckResult verifyImage(List<PublicKey> trusted, KeylessPolicy keyless) {
        List<ImageReference> refs = images.stream().map(i -> SignCommand.registryImage(spec, i)).toList();
        List<String> required = requiredAttestations.stream().map(Attestations::predicateType).toList();
        try {
            if (refs.size() == 1) {
                return new ImageSignatureVerifier(registry.client(refs.get(0).registry()), trusted, keyless).check(refs.get(0),
                        required, Gate.failOn(Severity.HIGH));
            }
            java.util.Map<String, io.jenkins.plugins.integrity.oci.RegistryClient> clients = new java.util.HashMap<>();
            return ImageSignatureVerifier.checkAll(refs, host -> clients.computeIfAbsent(host, registry::client), trusted,
                    keyless, required, Gate.failOn(Severity.HIGH));
        } catch (IOException e) {
            throw new InvalidInputException(refs.size() == 1 ? refs.get(0).toString() : "--image", e.getMessage() == null
                    ? "cannot be read" : e.getMessage());
        }
    }

    private ReleasePolicy readPolicy() {
        try {
            return ReleasePolicy.parse(InputFiles.readBytes(policyFile, 1 << 20, "a policy"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(policyFile.toString(), e.getMessage());
        }
    }

    /** The keys trusted to sign provenance: --provenance-key's, else the signatures' own. */
    private List<PublicKey> provenanceSigners(List<PublicKey> trusted) {
        return provenanceKeys.isEmpty() ? trusted : SignCommand.publicKeys(provenanceKeys);
    }

    private ReleaseVerifier releaseVerifier(ReleasePolicy policy, List<PublicKey> trusted) {
        return new ReleaseVerifier(policy, provenanceSigners(trusted), trusted, ReleaseVerifier.evidenceIn(evidenceDir),
                Gate.failOn(Severity.HIGH));
    }

    private List<CheckResult> imagePolicies(ReleasePolicy policy, List<PublicKey> trusted) {
        ReleaseVerifier verifier = releaseVerifier(policy, trusted);
        List<CheckResult> out = new ArrayList<>();
        java.util.Map<String, io.jenkins.plugins.integrity.oci.RegistryClient> clients = new java.util.HashMap<>();
        for (String i : images) {
            ImageReference ref = SignCommand.registryImage(spec, i);
            try {
                out.add(verifier.image(new Attestations(clients.computeIfAbsent(ref.registry(), registry::client)), ref));
            } catch (IOException e) {
                throw new InvalidInputException(ref.toString(), e.getMessage() == null ? "cannot be read" : e.getMessage());
            }
        }
        return out;
    }

    private List<CheckResult> filePolicies(ReleasePolicy policy, List<PublicKey> trusted) {
        byte[] provenance = provenanceFile == null ? null : ReleaseVerifier.readProvenance(provenanceFile);
        return releaseVerifier(policy, trusted).files(files, null, provenance, provenanceFile == null ? "--provenance"
                : provenanceFile.toString());
    }
}
