package io.jenkins.plugins.integrity.vulns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one OSV record (https://ossf.github.io/osv-schema/, JSON) strictly: {@code id} and {@code modified} are
 * required, every field has the schema's type, every event has one known kind and a version. A record that
 * breaks the schema is refused naming its source, never half-read.
 */
final class OsvParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OsvParser() {}

    /** @param source what to name in errors: the file, or the zip and its entry */
    static OsvRecord parse(byte[] json, String source) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, "not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot be read");
        }
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(source, "not an OSV record (a JSON object)");
        }
        String id = text(n, "id", source, true);
        if (id.isBlank() || id.length() > 256) {
            throw new InvalidInputException(source, "the OSV record's id is empty or too long");
        }
        Instant modified = time(n, "modified", source, true);
        Instant withdrawn = time(n, "withdrawn", source, false);
        List<String> aliases = strings(n, "aliases", source);
        List<OsvRecord.Score> severity = scores(n.get("severity"), source + " (" + id + ")");
        List<OsvRecord.Affected> affected = new ArrayList<>();
        JsonNode a = n.get("affected");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw wrong(source, id, "affected", "an array");
            }
            for (JsonNode entry : a) {
                affected.add(affected(entry, source, id));
            }
        }
        JsonNode db = n.path("database_specific").path("severity");
        return new OsvRecord(id, aliases, text(n, "summary", source, false), modified, withdrawn, severity, affected,
                db.isTextual() ? db.asText() : null);
    }

    private static OsvRecord.Affected affected(JsonNode entry, String source, String id) {
        if (!entry.isObject()) {
            throw wrong(source, id, "affected[]", "an object");
        }
        JsonNode pkg = entry.path("package");
        if (!pkg.isMissingNode() && !pkg.isObject()) {
            throw wrong(source, id, "affected[].package", "an object");
        }
        String ecosystem = text(pkg, "ecosystem", source, false);
        String name = text(pkg, "name", source, false);
        String purl = text(pkg, "purl", source, false);
        List<OsvRecord.Range> ranges = new ArrayList<>();
        JsonNode r = entry.get("ranges");
        if (r != null && !r.isNull()) {
            if (!r.isArray()) {
                throw wrong(source, id, "affected[].ranges", "an array");
            }
            for (JsonNode range : r) {
                ranges.add(range(range, source, id));
            }
        }
        return new OsvRecord.Affected(ecosystem, name, purl.isEmpty() ? null : purl, ranges, strings(entry, "versions",
                source), scores(entry.get("severity"), source + " (" + id + ")"));
    }

    private static OsvRecord.Range range(JsonNode range, String source, String id) {
        if (!range.isObject()) {
            throw wrong(source, id, "ranges[]", "an object");
        }
        String type = text(range, "type", source, true);
        JsonNode events = range.get("events");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw wrong(source, id, "ranges[].events", "a non-empty array");
        }
        List<OsvRecord.Event> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (!e.isObject() || e.size() != 1) {
                throw wrong(source, id, "ranges[].events[]", "an object of one event");
            }
            String field = e.fieldNames().next();
            OsvRecord.Kind kind = null;
            for (OsvRecord.Kind k : OsvRecord.Kind.values()) {
                if (k.field().equals(field)) {
                    kind = k;
                }
            }
            if (kind == null) {
                throw new InvalidInputException(source, "the OSV record " + id + " has an event of the unknown kind '"
                        + field + "'");
            }
            JsonNode v = e.get(field);
            if (!v.isTextual() || v.asText().isEmpty()) {
                throw wrong(source, id, "ranges[].events[]." + field, "a version (a string)");
            }
            out.add(new OsvRecord.Event(kind, v.asText()));
        }
        return new OsvRecord.Range(type, out);
    }

    private static List<OsvRecord.Score> scores(JsonNode severity, String source) {
        List<OsvRecord.Score> out = new ArrayList<>();
        if (severity == null || severity.isNull()) {
            return out;
        }
        if (!severity.isArray()) {
            throw new InvalidInputException(source, "severity is not an array");
        }
        for (JsonNode s : severity) {
            if (!s.path("type").isTextual() || !s.path("score").isTextual()) {
                throw new InvalidInputException(source, "a severity without a type and a score (strings)");
            }
            out.add(new OsvRecord.Score(s.get("type").asText(), s.get("score").asText()));
        }
        return out;
    }

    private static String text(JsonNode n, String field, String source, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidInputException(source, "the OSV record has no " + field);
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new InvalidInputException(source, "the OSV record's " + field + " is not a string");
        }
        return v.asText();
    }

    private static Instant time(JsonNode n, String field, String source, boolean required) {
        String t = text(n, field, source, required);
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(source, "the OSV record's " + field + " is not an RFC 3339 time: " + t);
        }
    }

    private static List<String> strings(JsonNode n, String field, String source) {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new InvalidInputException(source, "the OSV record's " + field + " is not an array");
        }
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new InvalidInputException(source, "the OSV record's " + field + " holds a non-string");
            }
            out.add(s.asText());
        }
        return out;
    }

    private static InvalidInputException wrong(String source, String id, String field, String expected) {
        return new InvalidInputException(source, "the OSV record " + id + ": " + field + " is not " + expected);
    }
}
