package io.jenkins.plugins.integrity.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A SLSA provenance v1 predicate (https://slsa.dev/spec/v1.0/provenance) in an in-toto Statement v1: what was
 * built (the subjects), how ({@code buildDefinition}: the build type, the external parameters a user could
 * choose, the internal ones the platform set, the resolved dependencies such as the source commit) and by whom and
 * when ({@code runDetails}: the builder's id and versions, the invocation id and times, the byproducts such as the
 * SBOM and the check results, by digest).
 *
 * @param externalParameters a JSON object
 * @param internalParameters a JSON object, or null
 */
public record BuildProvenance(List<ResourceDescriptor> subjects, String buildType, JsonNode externalParameters,
        JsonNode internalParameters, List<ResourceDescriptor> resolvedDependencies, String builderId,
        java.util.Map<String, String> builderVersion, String invocationId, Instant startedOn, Instant finishedOn,
        List<ResourceDescriptor> byproducts) {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    /** The build type of a Jenkins Pipeline build, documented in docs/provenance.md. */
    public static final String JENKINS_PIPELINE = "https://github.com/jenkinsci/pipeline-integrity/blob/main/docs/"
            + "provenance.md#buildtype-jenkins-pipeline-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public BuildProvenance {
        subjects = List.copyOf(subjects);
        resolvedDependencies = List.copyOf(resolvedDependencies);
        byproducts = List.copyOf(byproducts);
        builderVersion = builderVersion == null ? java.util.Map.of() : java.util.Map.copyOf(builderVersion);
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("provenance needs at least one subject");
        }
        if (subjects.stream().anyMatch(s -> s.digest().isEmpty())) {
            throw new IllegalArgumentException("every subject needs a digest");
        }
        if (buildType == null || buildType.isEmpty() || builderId == null || builderId.isEmpty()) {
            throw new IllegalArgumentException("provenance needs a build type and a builder id");
        }
        if (externalParameters == null || !externalParameters.isObject()) {
            throw new IllegalArgumentException("the external parameters are not a JSON object");
        }
    }

    /** The in-toto statement, as JSON bytes. */
    public byte[] statement() {
        ObjectNode s = JSON.createObjectNode().put("_type", STATEMENT_TYPE);
        ArrayNode subject = s.putArray("subject");
        subjects.forEach(r -> subject.add(r.toJson(JSON)));
        s.put("predicateType", PREDICATE_TYPE);
        s.set("predicate", predicate());
        try {
            return JSON.writeValueAsBytes(s);
        } catch (IOException e) {
            throw new IllegalStateException("a statement could not be written", e);
        }
    }

    ObjectNode predicate() {
        ObjectNode p = JSON.createObjectNode();
        ObjectNode def = p.putObject("buildDefinition").put("buildType", buildType);
        def.set("externalParameters", externalParameters);
        if (internalParameters != null) {
            def.set("internalParameters", internalParameters);
        }
        if (!resolvedDependencies.isEmpty()) {
            ArrayNode deps = def.putArray("resolvedDependencies");
            resolvedDependencies.forEach(d -> deps.add(d.toJson(JSON)));
        }
        ObjectNode run = p.putObject("runDetails");
        ObjectNode builder = run.putObject("builder").put("id", builderId);
        if (!builderVersion.isEmpty()) {
            ObjectNode v = builder.putObject("version");
            new java.util.TreeMap<>(builderVersion).forEach(v::put);
        }
        ObjectNode meta = run.putObject("metadata");
        if (invocationId != null) {
            meta.put("invocationId", invocationId);
        }
        if (startedOn != null) {
            meta.put("startedOn", startedOn.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        if (finishedOn != null) {
            meta.put("finishedOn", finishedOn.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        if (!byproducts.isEmpty()) {
            ArrayNode b = run.putArray("byproducts");
            byproducts.forEach(d -> b.add(d.toJson(JSON)));
        }
        return p;
    }
}
