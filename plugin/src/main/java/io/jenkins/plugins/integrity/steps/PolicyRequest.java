package io.jenkins.plugins.integrity.steps;

import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.provenance.ReleasePolicy;
import io.jenkins.plugins.integrity.provenance.ReleaseVerifier;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code verifySignature}'s policy option sends to the agent: the release policy (read and checked on the
 * controller), the PEM keys trusted to sign provenance (empty: the signatures' keys), and, in the workspace, the
 * provenance envelope (files) and the folder of the build's evidence.
 *
 * @param provenance the workspace path of the provenance envelope, or null
 * @param evidence the workspace folder holding the evidence the provenance links, or null for the workspace
 */
record PolicyRequest(String policyYaml, List<String> provenanceKeyPems, String provenance, String evidence)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    PolicyRequest {
        ReleasePolicy.parse(policyYaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        provenanceKeyPems = List.copyOf(provenanceKeyPems);
    }

    /** The verifier, on the agent, with the evidence read from inside the workspace only. */
    ReleaseVerifier verifier(Path workspace, List<PublicKey> signatureKeys, Gate gate) throws IOException {
        List<PublicKey> signers = new ArrayList<>();
        for (String pem : provenanceKeyPems) {
            signers.add(PublicKeys.fromPem(pem));
        }
        Path folder = SecretScanCallable.WorkspacePaths.inside(workspace, evidence);
        return new ReleaseVerifier(ReleasePolicy.parse(policyYaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                signers.isEmpty() ? signatureKeys : signers, signatureKeys, ReleaseVerifier.evidenceIn(folder), gate);
    }

    /** The provenance envelope from the workspace, or null when none was named. */
    byte[] provenanceBytes(Path workspace) throws IOException {
        if (provenance == null) {
            return null;
        }
        Path file = SecretScanCallable.WorkspacePaths.inside(workspace, provenance);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(provenance, "no such file in the workspace");
        }
        return ReleaseVerifier.readProvenance(file);
    }
}
