package io.jenkins.plugins.integrity.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0, one run per check, as code-scanning dashboards and Warnings NG read it. Each result carries
 * a {@code partialFingerprints} entry so that a finding keeps its identity when lines move, and the rule's
 * {@code security-severity} so that GitHub ranks it.
 */
public final class SarifRenderer implements ReportRenderer {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT_KEY = "pipelineIntegrity/v1";

    @Override
    public String render(Report report) {
        ObjectNode log = Json.mapper().createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ArrayNode runs = log.putArray("runs");
        for (CheckResult result : report.results()) {
            runs.add(run(report.tool(), result));
        }
        return Json.write(log);
    }

    private static ObjectNode run(ToolInfo tool, CheckResult result) {
        ObjectNode run = Json.mapper().createObjectNode();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", tool.name());
        driver.put("version", tool.version());
        driver.put("informationUri", tool.informationUri());
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            ruleIndex.computeIfAbsent(f.rule(), id -> {
                rules.add(rule(f));
                return rules.size() - 1;
            });
        }
        run.putObject("automationDetails").put("id", "pipeline-integrity/" + result.check() + "/");
        run.put("columnKind", "utf16CodeUnits");
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", result.status() != Status.ERROR);
        if (result.status() == Status.ERROR) {
            ObjectNode note = invocation.putArray("toolExecutionNotifications").addObject();
            note.put("level", "error");
            note.putObject("message").put("text", result.summary());
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : result.findings()) {
            results.add(result(f, ruleIndex.get(f.rule())));
        }
        ObjectNode props = run.putObject("properties");
        props.put("check", result.check());
        props.put("status", result.status().name());
        props.put("summary", result.summary());
        return run;
    }

    private static ObjectNode rule(Finding f) {
        ObjectNode rule = Json.mapper().createObjectNode();
        rule.put("id", f.rule());
        rule.putObject("shortDescription").put("text", f.message());
        rule.putObject("defaultConfiguration").put("level", level(f.severity()));
        ObjectNode props = rule.putObject("properties");
        props.put("security-severity", securitySeverity(f.severity()));
        props.putArray("tags").add("security");
        return rule;
    }

    private static ObjectNode result(Finding f, int ruleIndex) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("ruleId", f.rule());
        result.put("ruleIndex", ruleIndex);
        result.put("level", level(f.severity()));
        result.putObject("message").put("text", f.message());
        Location loc = f.location();
        if (loc != null) {
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            artifact.put("uri", uri(loc.file()));
            artifact.put("uriBaseId", "%SRCROOT%");
            if (loc.line() > 0) {
                ObjectNode region = physical.putObject("region");
                region.put("startLine", loc.line());
                if (loc.column() > 0) {
                    region.put("startColumn", loc.column());
                }
            }
        }
        result.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
        result.putObject("properties").put("severity", f.severity().name());
        return result;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** The CVSS-like score GitHub code scanning ranks by. */
    static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

    /** Percent-encodes a relative path as a URI reference (RFC 3986), keeping the slashes. */
    static String uri(String relativePath) {
        StringBuilder out = new StringBuilder();
        for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
