package io.jenkins.plugins.integrity.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.signing.Attestations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Holds a release to a {@link ReleasePolicy}, as {@code verify --policy} and the {@code verifySignature} step do:
 * an image by its provenance and SBOM attestations in the registry, files by a provenance envelope that covers
 * them and the build's evidence it links. The provenance is trusted only when one of the provenance signers signed
 * it (the controller's key); the SBOM attestation when one of the SBOM signers did (the release keys).
 */
public final class ReleaseVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_PROVENANCE = 64L << 20;
    private final ReleasePolicy policy;
    private final List<PublicKey> provenanceSigners;
    private final List<PublicKey> sbomSigners;
    private final Function<String, byte[]> evidence;
    private final Gate gate;

    /** @param evidence a byproduct's content by the name the provenance gives it, or null when not at hand */
    public ReleaseVerifier(ReleasePolicy policy, List<PublicKey> provenanceSigners, List<PublicKey> sbomSigners,
            Function<String, byte[]> evidence, Gate gate) {
        this.policy = policy;
        this.provenanceSigners = List.copyOf(provenanceSigners);
        this.sbomSigners = List.copyOf(sbomSigners);
        this.evidence = evidence;
        this.gate = gate;
    }

    /** The image's provenance and SBOM attestations held to the policy. */
    public CheckResult image(Attestations attestations, ImageReference ref) throws IOException {
        Attestations.Verified prov = attestations.verify(ref, provenanceSigners, Attestations.SLSA_PROVENANCE);
        Attestations.Verified sbom = attestations.verify(ref, sbomSigners, Attestations.CYCLONEDX);
        ObjectNode statement = null;
        if (prov.ok()) {
            statement = JSON.createObjectNode();
            statement.set("predicate", prov.predicate());
        }
        String name = ref.registry() + "/" + ref.repository() + "@" + prov.image();
        return PolicyCheck.evaluate(policy, name, statement, prov.reason(), sbom.ok() ? sbom.predicate() : null,
                evidence, gate);
    }

    /**
     * Each file held to the policy by the provenance that must cover it.
     *
     * @param base the files are named relative to it (the workspace), or null to name them as given
     * @param provenance the provenance's DSSE envelope, or null when none was given
     * @param provenanceName how the provenance is named in reasons (its path)
     */
    public List<CheckResult> files(List<Path> files, Path base, byte[] provenance, String provenanceName) {
        ProvenanceVerifier.Verified verified = null;
        String missing = "no provenance was given";
        if (provenance != null) {
            try {
                verified = ProvenanceVerifier.verify(provenance, provenanceSigners);
            } catch (ProvenanceVerifier.RejectedException e) {
                missing = provenanceName + ": " + e.getMessage();
            }
        }
        List<CheckResult> out = new ArrayList<>();
        for (Path f : files) {
            String sha = sha256(f);
            String name = base != null && f.startsWith(base) ? base.relativize(f).toString().replace('\\', '/')
                    : f.toString();
            boolean covered = verified != null && verified.covers(sha);
            JsonNode statement = covered ? verified.statement() : null;
            String why = verified == null ? missing : covered ? null : "the provenance has no subject with the SHA-256 "
                    + sha + " of " + name;
            out.add(PolicyCheck.evaluate(policy, name, statement, why, statement == null ? null
                    : PolicyCheck.sbomByproduct(statement, evidence), evidence, gate));
        }
        return out;
    }

    /** The provenance envelope in a file, read within the size any provenance has. */
    public static byte[] readProvenance(Path file) {
        return InputFiles.readBytes(file, MAX_PROVENANCE, "provenance");
    }

    /**
     * The build's archived evidence under a folder, by the names the provenance gives it: only files inside the
     * folder (a name that climbs out of it, or a link to elsewhere, is not at hand), at most 64 MiB each.
     *
     * @param dir the folder, or null for no evidence at all
     */
    public static Function<String, byte[]> evidenceIn(Path dir) {
        if (dir == null) {
            return name -> null;
        }
        Path base = dir.toAbsolutePath().normalize();
        return name -> {
            if (name == null || name.isEmpty()) {
                return null;
            }
            Path p = base.resolve(name).normalize();
            try {
                if (!p.startsWith(base) || !Files.isRegularFile(p) || !p.toRealPath().startsWith(base.toRealPath())) {
                    return null;
                }
            } catch (IOException e) {
                return null;
            }
            return InputFiles.readBytes(p, MAX_PROVENANCE, "evidence");
        };
    }

    private static String sha256(Path f) {
        try {
            return Digests.sha256Hex(f);
        } catch (IOException e) {
            throw new InvalidInputException(f.toString(), Files.exists(f) ? "cannot be read" : "no such file");
        }
    }
}
