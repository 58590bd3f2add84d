package io.jenkins.plugins.integrity.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.InvalidInputException;

/**
 * The one JSON mapping of the result model. Field names are the public contract of {@code docs/formats.md}:
 * absent values are omitted, unknown fields are rejected when reading so that a wrong document is not
 * taken for a result.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {}

    /** The shared mapper, configured once; callers must not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads one {@link CheckResult}; {@code input} names the document in the error. */
    public static CheckResult readResult(String json, String input) {
        return read(json, CheckResult.class, input);
    }

    public static Report readReport(String json, String input) {
        return read(json, Report.class, input);
    }

    private static <T> T read(String json, Class<T> type, String input) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new InvalidInputException(input, "empty JSON document");
            }
            return value;
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the document; keep only where it broke.
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            if (e instanceof ValueInstantiationException && e.getCause() != null) {
                // our records' own validation messages name fields, never values
                where += ": " + e.getCause().getMessage();
            }
            throw new InvalidInputException(input, "not a valid " + type.getSimpleName() + " document" + where);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(input, "not a valid " + type.getSimpleName() + " document: "
                    + e.getMessage());
        }
    }
}
