package io.jenkins.plugins.integrity.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.Subject;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.RegistryClient;
import io.jenkins.plugins.integrity.oci.RegistryCredentials;
import io.jenkins.plugins.integrity.report.Json;
import io.jenkins.plugins.integrity.signing.ImageSignatureVerifier;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import io.jenkins.plugins.integrity.signing.SignatureVerifier;
import java.io.File;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Verifies an image's signatures (key-based, or keyless under a certificate policy) and required attestations
 * from the agent, where the registry is reached. Trust crosses the channel as text; only the result comes back.
 */
final class VerifyImageCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final String image;
    private final List<String> trustedPems;
    private final KeylessTrust keyless;
    private final String username;
    private final String password;
    private final boolean plainHttp;
    private final String failOn;
    private final List<String> required;
    private final PolicyRequest policy;

    /**
     * @param keyless null to refuse keyless signatures
     * @param required the predicate types of the attestations the image must carry
     * @param policy the release policy to hold the image to, or null
     */
    VerifyImageCallable(String image, List<String> trustedPems, KeylessTrust keyless, String[] login, boolean plainHttp,
            String failOn, List<String> required, PolicyRequest policy) {
        this.image = image;
        this.trustedPems = List.copyOf(trustedPems);
        this.keyless = keyless;
        this.username = login[0];
        this.password = login[1];
        this.plainHttp = plainHttp;
        this.failOn = failOn;
        this.required = List.copyOf(required);
        this.policy = policy;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) {
        String check = SignatureVerifier.CHECK;
        try {
            ImageReference ref = ImageReference.parse(image);
            if (ref.transport() != ImageReference.Transport.REGISTRY) {
                return Json.write(CheckResult.error(check, image + ": signatures live in a registry; push the image first",
                        List.of(Subject.named(image))));
            }
            RegistryClient registry = new RegistryClient(ref.registry(), username == null ? null
                    : new RegistryCredentials(username, password), plainHttp);
            List<PublicKey> trusted = new ArrayList<>();
            for (String pem : trustedPems) {
                trusted.add(PublicKeys.fromPem(pem));
            }
            CheckResult signatures = new ImageSignatureVerifier(registry, trusted, keyless == null ? null
                    : keyless.policy()).check(ref, required, Gate.parse(failOn));
            if (policy == null) {
                return Json.write(signatures);
            }
            return Json.write(io.jenkins.plugins.integrity.provenance.PolicyCheck.combine(signatures, List.of(policy
                    .verifier(workspace.toPath().toAbsolutePath().normalize(), trusted, Gate.parse(failOn))
                    .image(new io.jenkins.plugins.integrity.signing.Attestations(registry), ref))));
        } catch (io.jenkins.plugins.integrity.check.InvalidInputException e) {
            return Json.write(CheckResult.error(check, e.getMessage(), List.of(Subject.named(image))));
        } catch (IllegalArgumentException | IOException e) {
            return Json.write(CheckResult.error(check, image + ": " + e.getMessage(), List.of(Subject.named(image))));
        }
    }
}
