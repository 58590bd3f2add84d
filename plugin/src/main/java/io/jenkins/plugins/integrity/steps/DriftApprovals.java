package io.jenkins.plugins.integrity.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.drift.ControllerSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An administrator's approval of the controller's current state as the new baseline: the snapshot written to the
 * configured baseline file (or {@code JENKINS_HOME/pipeline-integrity/drift-baseline.json}), pinned by its SHA-256
 * in the configuration, and an audit record (who, when, which digest) appended to
 * {@code JENKINS_HOME/pipeline-integrity/drift-approvals.log}, one JSON line each.
 */
public final class DriftApprovals {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;

    DriftApprovals(Path jenkinsRoot) {
        this.root = jenkinsRoot;
    }

    /** One approval: who, when, the baseline's digest and size. */
    public record Approval(String user, Instant at, String sha256, int items) {}

    Path defaultBaseline() {
        return root.resolve("pipeline-integrity/drift-baseline.json");
    }

    private Path log() {
        return root.resolve("pipeline-integrity/drift-approvals.log");
    }

    /** Writes the snapshot as the baseline and records who approved it; returns the approval. */
    Approval approve(ControllerSnapshot snapshot, Path baseline, String user) throws IOException {
        byte[] bytes = snapshot.toJson().getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(baseline.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(baseline.toAbsolutePath().getParent(), "drift-baseline", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, baseline, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Approval a = new Approval(user, Instant.now(), io.jenkins.plugins.integrity.check.Digests.sha256Hex(bytes), snapshot.items().size());
        ObjectNode line = JSON.createObjectNode().put("user", a.user()).put("at", a.at().toString())
                .put("sha256", a.sha256()).put("items", a.items()).put("baseline", baseline.toString());
        Files.createDirectories(log().getParent());
        Files.writeString(log(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return a;
    }

    /** The approvals recorded, newest first, at most {@code max}. */
    List<Approval> recent(int max) throws IOException {
        List<Approval> out = new ArrayList<>();
        if (!Files.isRegularFile(log())) {
            return out;
        }
        List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0 && out.size() < max; i--) {
            try {
                var n = JSON.readTree(lines.get(i));
                out.add(new Approval(n.path("user").asText(), Instant.parse(n.path("at").asText()),
                        n.path("sha256").asText(), n.path("items").asInt()));
            } catch (IOException | RuntimeException e) {
                // a damaged line is skipped, the others still shown
            }
        }
        return out;
    }
}
