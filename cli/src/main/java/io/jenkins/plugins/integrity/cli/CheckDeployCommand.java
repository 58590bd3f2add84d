package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.deploy.DeployCheck;
import io.jenkins.plugins.integrity.deploy.SignedImages;
import io.jenkins.plugins.integrity.signing.KeylessPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code check-deploy}: Dockerfiles, Kubernetes manifests and Compose files checked for runtime risks. */
@Command(name = "check-deploy", mixinStandardHelpOptions = true,
        description = "Check Dockerfiles, Kubernetes manifests (and rendered Helm or Kustomize output) and Compose files"
                + " for the risks a container brings to its host and cluster: root, privileged containers, host"
                + " namespaces and mounts, capabilities, unpinned images, secrets in build arguments.")
final class CheckDeployCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories (default: .); - reads YAML"
            + " from standard input (helm template chart/ | pipeline-integrity check-deploy -), named stdin")
    private List<Path> paths = new ArrayList<>();

    @Option(names = "--image", paramLabel = "REF", description = "Also check a built image's configuration (user,"
            + " ports, entrypoint, environment, base): registry/repository:tag or @sha256:..., oci:DIR[:tag],"
            + " oci-archive:FILE, docker-archive:FILE (repeatable)")
    private List<String> images = new ArrayList<>();

    @picocli.CommandLine.Mixin
    private RegistryOptions registry;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "With --image: the image to take from a multi-platform index (default: linux/amd64)")
    private String platform;

    @Option(names = "--key", paramLabel = "KEY.pub", description = "Require the images that manifests and Compose"
            + " files name to be signed (cosign's layout or a Sigstore bundle referrer) by this public key, PEM"
            + " (repeatable: any of them may have signed)")
    private List<Path> keys = new ArrayList<>();

    @picocli.CommandLine.Mixin
    private CertificateOptions certificates;

    @Option(names = "--signed-images", paramLabel = "GLOB", description = "With --key or a certificate identity: only"
            + " the images whose registry/repository the glob matches must be signed (repeatable; default: every"
            + " image)")
    private List<String> signedImages = new ArrayList<>();

    @Option(names = "--deny-other-images", description = "With --signed-images: an image that none of the globs"
            + " matches is a finding too (k8s-image-unsigned), instead of being left unverified")
    private boolean denyOtherImages;

    @Option(names = "--allow", paramLabel = "RULE:GLOB", description = "Leave out a rule's findings (or * for every"
            + " rule) in the files the glob matches, relative to the current directory (repeatable)")
    private List<String> allow = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "HIGH",
            converter = SecretScanOptions.GateConverter.class,
            description = "Fail (exit 1) on a finding of this severity or worse, or NONE (default: ${DEFAULT-VALUE})")
    private Gate gate;

    @picocli.CommandLine.Mixin
    private ResultOutput report;

    @Override
    public Integer call() {
        List<DeployCheck.Allow> allows = new ArrayList<>();
        for (String a : allow) {
            try {
                allows.add(DeployCheck.Allow.parse(a));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--allow: " + e.getMessage());
            }
        }
        io.jenkins.plugins.integrity.oci.Platform wanted;
        try {
            wanted = platform == null ? io.jenkins.plugins.integrity.oci.Platform.LINUX_AMD64
                    : io.jenkins.plugins.integrity.oci.Platform.of(platform);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--platform: " + e.getMessage());
        }
        java.util.Map<String, io.jenkins.plugins.integrity.oci.ImageConfig> configs = new java.util.LinkedHashMap<>();
        for (String i : images) {
            io.jenkins.plugins.integrity.oci.ImageReference ref;
            try {
                ref = io.jenkins.plugins.integrity.oci.ImageReference.parse(i);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--image: " + e.getMessage());
            }
            try (var source = io.jenkins.plugins.integrity.oci.ImageSources.open(ref,
                    new io.jenkins.plugins.integrity.oci.ImageSources.Options(wanted, registry.credentials(),
                            registry.plainHttp))) {
                configs.put(i, source.image().config());
            } catch (java.io.IOException e) {
                throw new io.jenkins.plugins.integrity.check.InvalidInputException(i, e.getMessage() == null
                        ? "cannot be read" : e.getMessage());
            }
        }
        java.util.Map<String, String> texts = new java.util.HashMap<>();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (p.toString().equals("-")) {
                texts.put(STDIN, stdin());
            } else {
                files.add(p);
            }
        }
        List<Path> roots = paths.isEmpty() && images.isEmpty() ? List.of(Path.of(".")) : files;
        CheckResult result = DeployCheck.check(roots, texts, configs, signaturePolicy(), path -> true, Path.of("")
                .toAbsolutePath().normalize(), allows, gate);
        return report.emit(result, spec.commandLine().getOut());
    }

    /** The name findings give what was read from standard input. */
    static final String STDIN = "stdin";
    private static final int MAX_STDIN = 16 << 20;

    /** Standard input as UTF-8 text, at most 16 MiB. */
    private static String stdin() {
        try {
            byte[] b = System.in.readNBytes(MAX_STDIN + 1);
            if (b.length > MAX_STDIN) {
                throw new io.jenkins.plugins.integrity.check.InvalidInputException(STDIN, "larger than 16 MiB");
            }
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new io.jenkins.plugins.integrity.check.InvalidInputException(STDIN, "not UTF-8 text");
        } catch (java.io.IOException e) {
            throw new io.jenkins.plugins.integrity.check.InvalidInputException(STDIN, "cannot be read");
        }
    }

    /** The signature policy of --key, the certificate options and --signed-images, or null without them. */
    private SignedImages signaturePolicy() {
        if (keys.isEmpty() && !certificates.given()) {
            if (!signedImages.isEmpty() || denyOtherImages) {
                throw new ParameterException(spec.commandLine(), "--signed-images needs --key or a certificate"
                        + " identity, OIDC issuer and --trusted-root to verify the signatures by");
            }
            return null;
        }
        KeylessPolicy keyless = certificates.policyIfGiven(spec.commandLine());
        try {
            return SignedImages.trusting(signedImages, denyOtherImages, registry::client, SignCommand.publicKeys(keys),
                    keyless);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--signed-images: " + e.getMessage());
        }
    }
}
