package io.jenkins.plugins.integrity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.integrity.oci.LocalRegistry;
import io.jenkins.plugins.integrity.oci.TestImage;
import io.jenkins.plugins.integrity.oci.Tools;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline in a stock Jenkins with our packaged .hpi, then the release manager's {@code verify}: a git
 * repository signed by real git with an SSH key the controller trusts; a Jenkinsfile that verifies its commits,
 * scans it, builds a release and pushes an image (made by umoci) with skopeo to a registry on 127.0.0.1, generates
 * the SBOMs, signs the release and the image with the SBOM attested, and records the provenance the controller
 * signs and attaches to the image. The command-line {@code verify --policy} accepts the image and the release from
 * what the build left, and rejects each tampered variant with its reason.
 */
class FullPipelineE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPINE = "sha256:" + "4b".repeat(32);
    private static String jenkinsfile;
    @TempDir
    static Path dir;
    private static RealJenkins jenkins;
    private static LocalRegistry registry;
    private static RealJenkins.Build build;
    private static Path evidence;
    private static String repoUrl;

    @BeforeAll
    static void runThePipeline() throws Exception {
        for (String key : List.of("release", "provenance", "other")) {
            Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                    key + ".pem");
            Tools.run(dir, "openssl", "pkey", "-in", key + ".pem", "-pubout", "-out", key + ".pub");
        }
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alice", "-f", dir.resolve("alice").toString());
        Path repo = signedRepository();
        repoUrl = "file://" + repo.toAbsolutePath();
        registry = LocalRegistry.start(dir.resolve("registry"), null, null);
        TestImage image = serviceImage("1.0.0", "4.17.21");
        serviceImage("1.1.0", "4.17.21").push(registry.address() + "/team/service:1.1.0");

        jenkins = RealJenkins.start();
        String signers = "alice@example.com namespaces=\"git\" " + Files.readString(dir.resolve("alice.pub")).strip();
        String script = String.join("\n",
                "import com.cloudbees.plugins.credentials.*",
                "import org.jenkinsci.plugins.plaincredentials.impl.*",
                "def store = SystemCredentialsProvider.getInstance().getCredentials()",
                "store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, 'ci-allowed-signers', 'commit signers',",
                "    'allowed_signers', SecretBytes.fromBytes('" + signers + "\\n'.getBytes('UTF-8'))))",
                "store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, 'release-key', 'release key', 'release.pem',",
                "    SecretBytes.fromBytes(new File('" + dir.resolve("release.pem") + "').bytes)))",
                "store.add(new FileCredentialsImpl(CredentialsScope.SYSTEM, 'provenance-key', 'provenance key',",
                "    'provenance.pem', SecretBytes.fromBytes(new File('" + dir.resolve("provenance.pem") + "').bytes)))",
                "SystemCredentialsProvider.getInstance().save()",
                "io.jenkins.plugins.integrity.steps.CommitTrustConfiguration.get()"
                        + ".setAllowedSignersCredentialsId('ci-allowed-signers')",
                "io.jenkins.plugins.integrity.steps.ProvenanceConfiguration.get().signingKeyCredentialsId = 'provenance-key'",
                "jenkins.model.JenkinsLocationConfiguration.get().url = '" + jenkins.url() + "'",
                "println 'controller configured'");
        HttpResponse<String> r = jenkins.post("scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
        assertThat(r.body()).contains("controller configured");
        jenkinsfile = Jenkinsfiles.load("full-pipeline.Jenkinsfile").replace("@REPO@", repoUrl)
                .replace("@LAYOUT@", image.layout().toString()).replace("@REGISTRY@", registry.address());
        jenkins.createPipelineJob("service", jenkinsfile);
        build = jenkins.build("service");
        evidence = download(build);
    }

    /** A service's repository: two commits by Alice, each signed by real git with her SSH key. */
    private static Path signedRepository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("service.git-work"));
        run(repo, "git", "init", "-q", "-b", "main");
        run(repo, "git", "config", "user.name", "Alice");
        run(repo, "git", "config", "user.email", "alice@example.com");
        run(repo, "git", "config", "gpg.format", "ssh");
        run(repo, "git", "config", "user.signingkey", dir.resolve("alice").toString());
        Files.writeString(repo.resolve("server.js"), "require('lodash');\nconsole.log('service');\n");
        run(repo, "git", "add", ".");
        run(repo, "git", "commit", "-q", "-S", "-m", "the service");
        Files.writeString(repo.resolve("package-lock.json"), lockfile("4.17.21"));
        run(repo, "git", "add", ".");
        run(repo, "git", "commit", "-q", "-S", "-m", "its dependencies");
        return repo;
    }

    private static String lockfile(String lodash) {
        return "{\"name\": \"service\", \"lockfileVersion\": 3, \"packages\": {\"\": {\"name\": \"service\"},"
                + " \"node_modules/lodash\": {\"version\": \"" + lodash + "\", \"license\": \"MIT\"},"
                + " \"node_modules/left-pad\": {\"version\": \"1.3.0\", \"license\": \"WTFPL\"}}}\n";
    }

    /** The service's image, made with umoci: its code and lockfile under /srv/service, run as a user, not root. */
    private static TestImage serviceImage(String tag, String lodash) throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs-" + tag + "/srv/service"));
        Files.writeString(rootfs.resolve("server.js"), "console.log('service " + tag + "');\n");
        Files.writeString(rootfs.resolve("package-lock.json"), lockfile(lodash));
        return TestImage.create(dir, tag).layer(dir.resolve("rootfs-" + tag)).config("--config.user", "1000:1000",
                "--manifest.annotation", "org.opencontainers.image.base.name=docker.io/library/alpine:3.20",
                "--manifest.annotation", "org.opencontainers.image.base.digest=" + ALPINE);
    }

    /** What a release manager takes from the build: the archived artifacts, by the names the provenance gives. */
    private static Path download(RealJenkins.Build b) throws Exception {
        Path out = Files.createDirectories(dir.resolve("archive"));
        if (!"SUCCESS".equals(b.result())) {
            return out;
        }
        JsonNode artifacts = jenkins.getJson(b.path() + "api/json?tree=artifacts[relativePath]").path("artifacts");
        for (JsonNode a : artifacts) {
            String name = a.path("relativePath").asText();
            Path file = out.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, jenkins.getBytes(b.path() + "artifact/" + name));
        }
        return out;
    }

    @AfterAll
    static void stop() throws Exception {
        if (jenkins != null) {
            jenkins.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void everyStepRunsGreenAndTheReportShowsItAll() throws Exception {
        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("all 2 commits verified in HEAD").contains("provenance: PASS 2 subjects")
                .contains("provenance-attached").doesNotContain("BEGIN PRIVATE KEY");
        JsonNode api = jenkins.getJson(build.path() + "pipeline-integrity/api/json");
        assertThat(api.path("status").asText()).as(api.toString()).isEqualTo("PASS");
        List<String> checks = new ArrayList<>();
        api.path("results").forEach(r -> checks.add(r.path("check").asText()));
        assertThat(checks).contains("commits", "secrets", "sbom", "signing", "provenance");
        String page = jenkins.get(build.path() + "pipeline-integrity/").body();
        assertThat(page).contains("Integrity Report").contains("commit-verified").contains("provenance-attached")
                .contains("pipeline-integrity/provenance.intoto.jsonl").contains("service-1.0.0.tgz.sigstore.json")
                .contains("sbom/service.cdx.json");
    }

    @Test
    void theProvenanceRecordsWhatTheBuildWasMadeFrom() throws Exception {
        ObjectNode env = (ObjectNode) JSON.readTree(evidence.resolve("pipeline-integrity/provenance.intoto.jsonl")
                .toFile());
        JsonNode statement = JSON.readTree(Base64.getDecoder().decode(env.path("payload").asText()));
        JsonNode definition = statement.path("predicate").path("buildDefinition");
        assertThat(definition.path("externalParameters").path("job").asText()).isEqualTo("service");
        assertThat(definition.path("externalParameters").path("source").path("uri").asText()).isEqualTo("git+" + repoUrl);
        assertThat(definition.path("externalParameters").path("source").path("ref").asText()).isEqualTo("origin/main");
        String resolved = definition.path("resolvedDependencies").toString();
        String head = new String(new ProcessBuilder("git", "-C", dir.resolve("service.git-work").toString(), "rev-parse",
                "HEAD").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(resolved).contains("{\"uri\":\"git+" + repoUrl + "\",\"digest\":{\"gitCommit\":\"" + head + "\"}}")
                .contains("\"name\":\"Jenkinsfile (the job's inline script)\",\"digest\":{\"sha256\":\""
                        + sha256(jenkinsfile.getBytes(StandardCharsets.UTF_8)) + "\"}")
                .contains("\"name\":\"docker.io/library/alpine:3.20\",\"digest\":{\"sha256\":\"" + "4b".repeat(32));
        assertThat(statement.path("subject").toString()).contains("dist/service-1.0.0.tgz")
                .contains(sha256(Files.readAllBytes(evidence.resolve("dist/service-1.0.0.tgz"))));
    }

    @Test
    void verifyAcceptsTheImageAndTheRelease() throws Exception {
        Cli image = verifyImage("1.0.0", policy(""), "provenance.pub");
        assertThat(image.code()).as(image.out()).isZero();
        assertThat(image.out()).contains("8 of 8 policy rules hold")
                .contains("HOLDS: built by '" + jenkins.url() + "', an allowed builder")
                .contains("HOLDS: built from '" + "git+" + repoUrl + "'")
                .contains("HOLDS: the build's commit verification: PASS")
                .contains("HOLDS: the build's secret scan found nothing")
                .contains("HOLDS: a signed CycloneDX SBOM attestation is present");
        Cli release = verifyRelease(evidence.resolve("dist/service-1.0.0.tgz"), evidence.resolve(
                "pipeline-integrity/provenance.intoto.jsonl"), policy(""), "provenance.pub");
        assertThat(release.code()).as(release.out()).isZero();
        assertThat(release.out()).contains("1 VERIFIED").contains("8 of 8 policy rules hold");
    }

    @Test
    void anotherBuilderRepositoryOrBranchIsRejected() throws Exception {
        Cli builder = verifyImage("1.0.0", policy("").replace("builders: [" + jenkins.url() + "]",
                "builders: [https://ci.example.org/]"), "provenance.pub");
        assertThat(builder.code()).isEqualTo(1);
        assertThat(builder.out()).contains("FAILS: built by '" + jenkins.url() + "', not one of [https://ci.example.org/]");
        Cli repo = verifyImage("1.0.0", policy("").replace("git+" + repoUrl, "git+https://git.example.com/other.git"),
                "provenance.pub");
        assertThat(repo.code()).isEqualTo(1);
        assertThat(repo.out()).contains("FAILS: built from 'git+" + repoUrl + "', not one of");
        Cli branch = verifyImage("1.0.0", policy("").replace("sourceRefs: [main]", "sourceRefs: [release/*]"),
                "provenance.pub");
        assertThat(branch.code()).isEqualTo(1);
        assertThat(branch.out()).contains("FAILS: built from the ref 'origin/main'");
    }

    @Test
    void provenanceNotSignedByTheControllerIsNoProvenance() throws Exception {
        Cli other = verifyImage("1.0.0", policy(""), "other.pub");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.out()).contains("policy-provenance").contains("an attestation no trusted key signed");
        // the archived envelope stripped of its signature: unsigned provenance
        Path unsigned = dir.resolve("unsigned.intoto.jsonl");
        ObjectNode env = (ObjectNode) JSON.readTree(evidence.resolve("pipeline-integrity/provenance.intoto.jsonl")
                .toFile());
        env.putArray("signatures");
        Files.writeString(unsigned, env.toString());
        Cli release = verifyRelease(evidence.resolve("dist/service-1.0.0.tgz"), unsigned, policy(""), "provenance.pub");
        assertThat(release.code()).isEqualTo(1);
        assertThat(release.out()).contains("1 VERIFIED").contains("FAILS");
        assertThat(release.out()).contains("the DSSE envelope has no signature");
    }

    @Test
    void aTamperedSubjectDigestIsRejected() throws Exception {
        // a forged release, and the provenance edited to name its digest (the controller's signature kept)
        Path forged = Files.createDirectories(dir.resolve("forged")).resolve("service-1.0.0.tgz");
        Files.writeString(forged, "a forged release");
        Files.copy(evidence.resolve("dist/service-1.0.0.tgz.sigstore.json"), dir.resolve(
                "forged/service-1.0.0.tgz.sigstore.json"));
        Path original = evidence.resolve("dist/service-1.0.0.tgz");
        ObjectNode env = (ObjectNode) JSON.readTree(evidence.resolve("pipeline-integrity/provenance.intoto.jsonl")
                .toFile());
        String payload = new String(Base64.getDecoder().decode(env.path("payload").asText()), StandardCharsets.UTF_8)
                .replace(sha256(Files.readAllBytes(original)), sha256(Files.readAllBytes(forged)));
        env.put("payload", Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
        Path tampered = Files.writeString(dir.resolve("tampered.intoto.jsonl"), env.toString());
        Cli r = verifyRelease(forged, tampered, policy(""), "provenance.pub");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("DIGEST_MISMATCH").contains("no trusted key verifies the provenance");
        // the genuine provenance does not cover the forged release either
        Cli genuine = verifyRelease(forged, evidence.resolve("pipeline-integrity/provenance.intoto.jsonl"), policy(""),
                "provenance.pub");
        assertThat(genuine.code()).isEqualTo(1);
        assertThat(genuine.out()).contains("the provenance has no subject with the SHA-256 " + sha256(
                Files.readAllBytes(forged)));
    }

    @Test
    void anImageWithoutItsSbomAttestationAndProvenanceIsRejected() throws Exception {
        // pushed and signed with the release key by someone with access to the registry, outside the pipeline
        var client = new io.jenkins.plugins.integrity.oci.RegistryClient(registry.address(), null, false);
        new io.jenkins.plugins.integrity.signing.ImageSigner(client).sign(io.jenkins.plugins.integrity.oci.ImageReference
                .parse(registry.address() + "/team/service:1.1.0"), io.jenkins.plugins.integrity.signing.SigningKey
                .fromPem(Files.readString(dir.resolve("release.pem")), null));
        Cli r = verifyImage("1.1.0", policy(""), "provenance.pub");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("VERIFIED").contains("FAILS: no signed CycloneDX SBOM attestation about")
                .contains("no sha256-");
    }

    @Test
    void aDeniedPackageOrEditedEvidenceIsRejected() throws Exception {
        Cli denied = verifyImage("1.0.0", policy("denyPackages: [left-pad]\n"), "provenance.pub");
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.out()).contains("FAILS: denied packages in the SBOM: [pkg:npm/left-pad@1.3.0]");
        // the archived secret scan result edited after the build no longer matches the digest the provenance signed
        Path edited = dir.resolve("edited");
        copyTree(evidence, edited);
        try (var results = Files.list(edited.resolve("pipeline-integrity/results"))) {
            for (Path p : results.filter(p -> p.getFileName().toString().startsWith("secrets-")).toList()) {
                Files.writeString(p, Files.readString(p).replace("\"summary\"", "\"summary\" : \"edited\", \"was\""));
            }
        }
        Cli r = run(List.of("verify", "--image", registry.address() + "/team/service:1.0.0", "--key",
                dir.resolve("release.pub").toString(), "--provenance-key", dir.resolve("provenance.pub").toString(),
                "--policy", writePolicy(policy("")).toString(), "--evidence", edited.toString()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAILS: the provenance links no secret scan result that is at hand and matches"
                + " its digest");
    }

    private static String policy(String extra) {
        return "builders: [" + jenkins.url() + "]\n"
                + "sourceRepositories: [git+" + repoUrl + "]\n"
                + "sourceRefs: [main]\n"
                + "requireProvenance: true\n"
                + "requireSbom: true\n"
                + "requireVerifiedCommits: true\n"
                + "maxSecretSeverity: LOW\n"
                + (extra.isEmpty() ? "denyPackages: [event-stream]\n" : extra);
    }

    private static Path writePolicy(String policy) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "policy", ".yaml"), policy);
    }

    private static Cli verifyImage(String tag, String policy, String provenanceKey) throws Exception {
        return run(List.of("verify", "--image", registry.address() + "/team/service:" + tag, "--key",
                dir.resolve("release.pub").toString(), "--provenance-key", dir.resolve(provenanceKey).toString(),
                "--policy", writePolicy(policy).toString(), "--evidence", evidence.toString()));
    }

    private static Cli verifyRelease(Path file, Path provenance, String policy, String provenanceKey) throws Exception {
        return run(List.of("verify", "--file", file.toString(), "--key", dir.resolve("release.pub").toString(),
                "--provenance-key", dir.resolve(provenanceKey).toString(), "--policy", writePolicy(policy).toString(),
                "--provenance", provenance.toString(), "--evidence", evidence.toString()));
    }

    record Cli(int code, String out) {}

    /** The command-line tool as a release manager runs it: {@code java -jar pipeline-integrity.jar ...}. */
    private static Cli run(List<String> args) throws Exception {
        String jar = System.getProperty("e2e.cli");
        assertThat(jar).as("the e2e.cli system property (the CLI's jar)").isNotNull();
        assertThat(Path.of(jar)).as("the CLI's jar; package the cli module first").isRegularFile();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Cli(p.exitValue(), out);
    }

    private static void run(Path in, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
