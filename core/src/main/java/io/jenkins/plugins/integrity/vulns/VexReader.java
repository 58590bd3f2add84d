package io.jenkins.plugins.integrity.vulns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads VEX documents: CycloneDX VEX (a BOM whose {@code vulnerabilities} carry an {@code analysis}: state
 * {@code not_affected}, {@code false_positive}, {@code resolved}, {@code resolved_with_pedigree},
 * {@code exploitable} or {@code in_triage}, with {@code affects} refs) and OpenVEX (v0.2 and the earlier form:
 * {@code statements} of a {@code vulnerability}, {@code products} with their {@code subcomponents}, and a
 * {@code status} of {@code not_affected}, {@code affected}, {@code fixed} or {@code under_investigation}). A
 * document of neither kind, or a statement without a vulnerability or a state, is refused naming the file.
 */
public final class VexReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VexReader() {}

    /** The statements of a VEX document in a file (at most 64 MiB); @param name how errors and statements name it */
    public static List<VexStatement> read(java.nio.file.Path file, String name) {
        return read(io.jenkins.plugins.integrity.check.InputFiles.readBytes(file, 64L << 20, "a VEX document"), name);
    }

    public static List<VexStatement> read(byte[] document, String source) {
        JsonNode n;
        try {
            n = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, "not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot be read");
        }
        if (n != null && n.isObject() && "CycloneDX".equals(n.path("bomFormat").asText())) {
            return cycloneDx(n, source);
        }
        if (n != null && n.isObject() && n.path("@context").asText().startsWith("https://openvex.dev/ns")) {
            return openVex(n, source);
        }
        throw new InvalidInputException(source, "neither a CycloneDX VEX nor an OpenVEX document");
    }

    private static List<VexStatement> cycloneDx(JsonNode bom, String source) {
        List<VexStatement> out = new ArrayList<>();
        for (JsonNode v : bom.path("vulnerabilities")) {
            String id = v.path("id").asText("");
            JsonNode analysis = v.path("analysis");
            if (id.isEmpty() || !analysis.path("state").isTextual()) {
                throw new InvalidInputException(source, "a vulnerability without an id or an analysis state");
            }
            VexStatement.State state = switch (analysis.path("state").asText()) {
                case "not_affected" -> VexStatement.State.NOT_AFFECTED;
                case "false_positive" -> VexStatement.State.FALSE_POSITIVE;
                case "resolved", "resolved_with_pedigree" -> VexStatement.State.RESOLVED;
                case "exploitable" -> VexStatement.State.AFFECTED;
                case "in_triage" -> VexStatement.State.UNDER_INVESTIGATION;
                default -> throw new InvalidInputException(source, id + ": the analysis state '"
                        + analysis.path("state").asText() + "' is not CycloneDX's");
            };
            List<String> refs = new ArrayList<>();
            for (JsonNode a : v.path("affects")) {
                String ref = a.path("ref").asText("");
                if (!ref.isEmpty()) {
                    // a BOM-Link (urn:cdx:serial/version#ref) names the component after the '#'
                    refs.add(ref.startsWith("urn:cdx:") && ref.contains("#") ? decode(ref.substring(ref.indexOf('#') + 1))
                            : ref);
                }
            }
            out.add(new VexStatement(id, refs, state, analysis.path("justification").asText(""),
                    analysis.path("detail").asText(""), source));
        }
        return out;
    }

    private static List<VexStatement> openVex(JsonNode doc, String source) {
        List<VexStatement> out = new ArrayList<>();
        JsonNode statements = doc.path("statements");
        if (!statements.isArray()) {
            throw new InvalidInputException(source, "an OpenVEX document without statements");
        }
        for (JsonNode s : statements) {
            JsonNode v = s.path("vulnerability");
            String id = v.isTextual() ? v.asText() : v.path("name").asText(v.path("@id").asText(""));
            String status = s.path("status").asText("");
            if (id.isEmpty() || status.isEmpty()) {
                throw new InvalidInputException(source, "an OpenVEX statement without a vulnerability or a status");
            }
            VexStatement.State state = switch (status.toLowerCase(Locale.ROOT)) {
                case "not_affected" -> VexStatement.State.NOT_AFFECTED;
                case "fixed" -> VexStatement.State.FIXED;
                case "affected" -> VexStatement.State.AFFECTED;
                case "under_investigation" -> VexStatement.State.UNDER_INVESTIGATION;
                default -> throw new InvalidInputException(source, id + ": the status '" + status + "' is not OpenVEX's");
            };
            List<String> products = new ArrayList<>();
            for (JsonNode p : s.path("products")) {
                List<String> subs = new ArrayList<>();
                for (JsonNode sub : p.path("subcomponents")) {
                    String sid = sub.isTextual() ? sub.asText() : sub.path("@id").asText("");
                    if (!sid.isEmpty()) {
                        subs.add(sid);
                    }
                }
                if (!subs.isEmpty()) {
                    products.addAll(subs);
                } else {
                    String pid = p.isTextual() ? p.asText() : p.path("@id").asText("");
                    if (!pid.isEmpty()) {
                        products.add(pid);
                    }
                }
            }
            String detail = s.path("impact_statement").asText(s.path("action_statement").asText(""));
            out.add(new VexStatement(id, products, state, s.path("justification").asText(""), detail, source));
        }
        return out;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
