package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A GitHub-token-shaped value made at run time, so none stands in this source file. */
    private static String token() {
        Random r = new Random(99);
        StringBuilder sb = new StringBuilder("ghp");
        sb.append('_');
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 36; i++) {
            sb.append(abc.charAt(r.nextInt(abc.length())));
        }
        return sb.toString();
    }

    private Path plant() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("ci.env"), "GH=" + token() + "\n");
        return conf;
    }

    @Test
    void scanSecretsFailsWithExit1AndNeverPrintsTheToken() throws IOException {
        plant();
        CliRun r = run("scan-secrets", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("github-pat").contains("conf/ci.env:1:4")
                .contains("secrets: FAIL").doesNotContain(token());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void cleanDirectoryExitsZero() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "hello\n");
        CliRun r = run("scan-secrets", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("secrets: PASS - no secrets found in 1 file");
    }

    @Test
    void jsonFormatPrintsOneCheckResult() throws IOException {
        plant();
        CliRun r = run("scan-secrets", "--format", "json", dir.toString());
        CheckResult result = Json.readResult(r.out(), "stdout");
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).hasSize(1);
        assertThat(r.out()).doesNotContain(token());
    }

    @Test
    void sarifToAFile() throws IOException {
        plant();
        Path out = dir.resolve("out/secrets.sarif");
        CliRun r = run("scan-secrets", "--format", "sarif", "--output", out.toString(), dir.resolve("conf").toString());
        assertThat(r.code()).isEqualTo(1);
        JsonNode sarif = Json.mapper().readTree(Files.readString(out));
        assertThat(sarif.at("/runs/0/results/0/ruleId").asText()).isEqualTo("github-pat");
        assertThat(Files.readString(out)).doesNotContain(token());
        assertThat(r.out()).contains("report: " + out);
    }

    @Test
    void failOnAboveTheFindingOnlyWarnsAndNoneNeverFails() throws IOException {
        Files.writeString(dir.resolve("app.yml"), "password: " + token().substring(4, 20) + "\n");
        assertThat(run("scan-secrets", "--fail-on", "HIGH", dir.toString()).code()).isZero();
        assertThat(run("scan-secrets", "--fail-on", "medium", dir.toString()).code()).isEqualTo(1);
        assertThat(run("scan-secrets", "--fail-on", "none", dir.toString()).code()).isZero();
    }

    @Test
    void includeAndExcludeOptionsSelectFiles() throws IOException {
        plant();
        assertThat(run("scan-secrets", "--exclude", "conf/", dir.toString()).code()).isZero();
        assertThat(run("scan-secrets", "--include", "**/*.yml,**/*.txt", dir.toString()).code()).isZero();
        assertThat(run("scan-secrets", "--include", "**/*.env", dir.toString()).code()).isEqualTo(1);
    }

    @Test
    void missingPathExitsTwoWithAOneLineMessageNamingIt() {
        Path missing = dir.resolve("missing");
        CliRun r = run("scan-secrets", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pipeline-integrity: " + missing + ": no such file or directory\n");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        CliRun r = run("scan-secrets", "--fail-on", "severe", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown failOn 'severe'");
        assertThat(run("scan-secrets", "--format", "xml").code()).isEqualTo(2);
        assertThat(run("no-such-command").code()).isEqualTo(2);
        assertThat(run().code()).isEqualTo(2);
    }

    @Test
    void versionAndHelp() {
        CliRun v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("pipeline-integrity ").doesNotContain("unknown");
        CliRun h = run("--help");
        assertThat(h.out()).contains("scan-secrets").contains("audit").contains("Exit codes");
    }

    @Test
    void aRunBuildsTheModelOfOnlyTheSubcommandItNames() {
        java.util.List<String> all = java.util.List.of("scan-secrets", "verify-commits", "sbom", "scan-vulns",
                "check-deploy", "sign", "verify", "drift", "provenance", "audit", "help");
        assertThat(PipelineIntegrityCommand.commandLine(Terminal.NONE, new String[] {"scan-secrets", "."})
                .getSubcommands().keySet()).containsExactly("scan-secrets");
        assertThat(PipelineIntegrityCommand.commandLine(Terminal.NONE, new String[] {"drift", "check"})
                .getSubcommands().get("drift").getSubcommands().keySet()).containsExactly("snapshot", "check");
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "sbom"}, {"no-such-command"}, {"-V"}}) {
            assertThat(PipelineIntegrityCommand.commandLine(Terminal.NONE, args).getSubcommands().keySet())
                    .as(String.join(" ", args)).containsExactlyElementsOf(all);
        }
        // the help command still describes any subcommand, and an unknown one is still refused
        CliRun help = run("help", "scan-secrets");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: pipeline-integrity scan-secrets");
        assertThat(run("scan-secret").err()).contains("Unmatched argument");
    }

    @Test
    void auditWritesThreeReportsAndSkipsItsOwnOutput() throws IOException {
        plant();
        Path out = dir.resolve("integrity-report");
        CliRun r = run("audit", dir.toString(), "--output", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(out.resolve("report.json")).exists();
        assertThat(out.resolve("report.sarif")).exists();
        assertThat(out.resolve("report.html")).exists();
        assertThat(r.out()).contains("report: " + out.resolve("report.html"));
        // the page a build's Integrity Report shows: the overview, then the evidence written beside it, linked
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(Files.readString(out.resolve("report.html")));
        assertThat(html.select("#overview tr")).hasSize(4);
        assertThat(html.select("#integrity-evidence a").eachAttr("href")).containsExactly("bom.cdx.json", "report.json",
                "report.sarif");
        for (String f : new String[] {"report.json", "report.sarif", "report.html"}) {
            assertThat(Files.readString(out.resolve(f))).doesNotContain(token());
        }
        // a second audit must not find anything new in the first one's reports
        CliRun again = run("audit", dir.toString(), "--output", out.toString());
        assertThat(Json.readReport(Files.readString(out.resolve("report.json")), "report.json")
                .results().get(0).findings()).hasSize(1);
        assertThat(again.code()).isEqualTo(1);
    }

    @Test
    void auditOfAMissingDirectoryIsAnInputError() {
        CliRun r = run("audit", dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope: no such file or directory");
    }

    @Test
    void baselineFromAnEarlierJsonRunLetsOnlyNewFindingsFail() throws IOException {
        plant();
        Path baseline = dir.resolve("baseline.json");
        assertThat(run("scan-secrets", "--format", "json", "--output", baseline.toString(), dir.resolve("conf").toString())
                .code()).isEqualTo(1);
        CliRun r = run("scan-secrets", "--baseline", baseline.toString(), dir.resolve("conf").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("; 1 in the baseline");
        assertThat(run("scan-secrets", "--baseline", dir.resolve("nope.json").toString(), dir.toString()).err())
                .isEqualTo("pipeline-integrity: " + dir.resolve("nope.json") + ": no such file\n");
    }

    @Test
    void gitleaksConfigAddsRulesToTheBuiltInOnes() throws IOException {
        Path config = Files.writeString(dir.resolve(".gitleaks.toml"), """
                [extend]
                useDefault = true
                [[rules]]
                id = "acme-key"
                description = "ACME deploy key"
                regex = '''acme_[a-z0-9]{20}'''
                keywords = ["acme_"]
                """);
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("a.env"), "K=" + "acme_" + "k3j5h7g9f1d3s5a7q9w1" + "\n");
        CliRun r = run("scan-secrets", "--config", config.toString(), ws.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("acme-key").doesNotContain("k3j5h7g9f1d3s5a7q9w1");
        Files.writeString(config, "[[rules]]\nid = 'x'\nregex = '(a'\n");
        CliRun bad = run("scan-secrets", "--config", config.toString(), ws.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("pipeline-integrity: " + config + ": rule 'x' regex is not a valid RE2 regex");
    }
    private void git(Path repo, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("git", "-c", "user.name=Dev",
                "-c", "user.email=dev@corp.local", "-c", "commit.gpgsign=false"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void historyFindsASecretThatIsGoneFromTheWorkingTree() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q");
        Files.writeString(repo.resolve("ci.env"), "GH=" + token() + "\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "oops");
        Files.writeString(repo.resolve("ci.env"), "GH=${GH_TOKEN}\n");
        git(repo, "commit", "-q", "-am", "fix");
        assertThat(run("scan-secrets", repo.toString()).code()).isZero();
        CliRun r = run("scan-secrets", "--history", repo.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("github-pat").contains("ci.env:1:4 @").contains("in 2 blobs of the git history")
                .doesNotContain(token());
        assertThat(run("scan-secrets", "--since", "HEAD", repo.toString()).code()).isEqualTo(2);
        assertThat(run("scan-secrets", "--history", repo.toString(), dir.toString()).err())
                .contains("--history takes one repository");
        assertThat(run("scan-secrets", "--history", dir.resolve("conf-none").toString()).code()).isEqualTo(2);
    }
}
