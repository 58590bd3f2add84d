package io.jenkins.plugins.integrity.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.check.Subject;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class RenderersTest {
    private static final Finding HIGH = new Finding("github-pat", Severity.HIGH, "GitHub personal access token",
            new Location("conf/my file.env", 3, 7), "0123456789abcdef01234567");
    private static final Finding HOSTILE = new Finding("x<script>", Severity.LOW, "<script>alert(1)</script> & \"q\"",
            new Location("a/<b>.txt", 1, 1), "fp-2");
    private static final Finding NO_LOCATION = new Finding("drift/admin-added", Severity.MEDIUM, "a new admin",
            null, "fp-3");

    private static Report report() {
        CheckResult secrets = new CheckResult("secrets", Status.FAIL, "2 secrets found", List.of(HIGH, HOSTILE),
                Map.of("filesScanned", 4L), List.of(new Subject("workspace", Map.of("gitCommit", "abc123"))));
        CheckResult other = new CheckResult("drift", Status.WARN, "1 change", List.of(NO_LOCATION), Map.of(),
                List.of());
        CheckResult broken = CheckResult.error("commits", "repository unreadable", List.of());
        return new Report(new ToolInfo(ToolInfo.NAME, "1.2.3", ToolInfo.URI), "2026-11-23T01:00:00Z",
                List.of(secrets, other, broken));
    }

    @Test
    void sarifValidatesAgainstTheSarif210Schema() throws Exception {
        String sarif = new SarifRenderer().render(report());
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        JsonNode doc = Json.mapper().readTree(sarif);
        Set<ValidationMessage> errors = schema.validate(doc);
        assertThat(errors).isEmpty();
        JsonNode run = doc.at("/runs/0");
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("Pipeline Integrity");
        assertThat(run.at("/results/0/partialFingerprints/pipelineIntegrity~1v1").asText())
                .isEqualTo("0123456789abcdef01234567");
        assertThat(run.at("/results/0/level").asText()).isEqualTo("error");
        assertThat(run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("conf/my%20file.env");
        assertThat(run.at("/results/0/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(7);
        assertThat(run.at("/tool/driver/rules/0/properties/security-severity").asText()).isEqualTo("8.0");
        assertThat(doc.at("/runs/2/invocations/0/executionSuccessful").asBoolean()).isFalse();
        assertThat(doc.at("/runs/1/results/0/locations").isMissingNode()).isTrue();
    }

    @Test
    void htmlIsOneSelfContainedEscapedPage() {
        String html = new HtmlRenderer().render(report());
        Document doc = Jsoup.parse(html);
        assertThat(doc.title()).isEqualTo("Pipeline Integrity report");
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("link, img, [src]")).isEmpty();
        assertThat(doc.select("#overview tr")).hasSize(4);
        assertThat(doc.select("h1 .status").text()).isEqualTo("ERROR");
        assertThat(doc.text()).contains("<script>alert(1)</script> & \"q\"").contains("a/<b>.txt:1:1");
        assertThat(doc.select("table.findings td code").eachText()).contains("github-pat", "conf/my file.env:3:7");
    }

    @Test
    void theBodyForAnotherPageHasTheSameContentWithItsLinksEscaped() {
        var links = new HtmlRenderer.Links(List.of(new HtmlRenderer.Evidence("pipeline-integrity/provenance.intoto.jsonl",
                "../artifact/pipeline-integrity/provenance.intoto.jsonl"), new HtmlRenderer.Evidence("\"><script>x</script>",
                "javascript:\"x\"")), (i, f) -> i == 1 ? "../ws/" + f.rule() + "?a=1&b=\"2\"" : null);
        String body = new HtmlRenderer(links).body(report());
        Document doc = Jsoup.parseBodyFragment(body);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("h1")).isEmpty();
        assertThat(doc.select("div.pi-report #overview tr")).hasSize(4);
        assertThat(doc.select("#integrity-evidence a").eachAttr("href")).as("a link with a scheme is not written")
                .containsExactly("../artifact/pipeline-integrity/provenance.intoto.jsonl");
        assertThat(doc.select("#integrity-evidence code").eachText()).contains("\"><script>x</script>");
        assertThat(doc.select("section.integrity-check").eachAttr("id")).hasSize(3).doesNotHaveDuplicates();
        assertThat(doc.select("#overview a").eachAttr("href")).containsExactlyElementsOf(doc.select(
                "section.integrity-check").eachAttr("id").stream().map(id -> "#" + id).toList());
        assertThat(doc.select("table.findings a").eachAttr("href")).allSatisfy(h -> assertThat(h).startsWith("../ws/")
                .endsWith("?a=1&b=\"2\""));
        // the whole page has the same content, and links the evidence too
        Document page = Jsoup.parse(new HtmlRenderer(links).render(report()));
        assertThat(page.select("div.pi-report").html()).contains(doc.select("div.pi-report").html());
    }

    @Test
    void jsonRoundTripsAndUsesTheDocumentedFieldNames() throws Exception {
        Report report = report();
        String json = new JsonRenderer().render(report);
        assertThat(Json.readReport(json, "report.json")).isEqualTo(report);
        JsonNode tree = Json.mapper().readTree(json);
        assertThat(fieldNames(tree)).containsExactly("tool", "generatedAt", "results");
        assertThat(fieldNames(tree.at("/results/0")))
                .containsExactly("check", "status", "summary", "findings", "metrics", "subjects");
        assertThat(fieldNames(tree.at("/results/0/findings/0")))
                .containsExactly("rule", "severity", "message", "location", "fingerprint");
        assertThat(fieldNames(tree.at("/results/0/findings/0/location"))).containsExactly("file", "line", "column");
        assertThat(fieldNames(tree.at("/results/1/findings/0"))).doesNotContain("location");
    }

    @Test
    void singleResultJsonIsOneCheckResultDocument() {
        CheckResult r = report().results().get(0);
        String json = new JsonRenderer().render(r);
        assertThat(Json.readResult(json, "result.json")).isEqualTo(r);
    }

    @Test
    void textListsEachFindingAndTheVerdict() {
        String text = new TextRenderer().render(report());
        assertThat(text).contains("HIGH     github-pat").contains("conf/my file.env:3:7")
                .contains("secrets: FAIL - 2 secrets found (filesScanned=4)")
                .contains("commits: ERROR - repository unreadable")
                .endsWith("overall: ERROR\n");
    }

    @Test
    void formatsParseCaseInsensitivelyAndRejectUnknown() {
        assertThat(Format.parse("Sarif")).isEqualTo(Format.SARIF);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Format.parse("xml"))
                .hasMessage("unknown format 'xml' (expected text, json, sarif or html)");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
