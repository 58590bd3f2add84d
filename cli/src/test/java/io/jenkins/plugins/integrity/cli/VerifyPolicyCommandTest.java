package io.jenkins.plugins.integrity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --policy} as a release manager runs it on a release: the file's signature, its signed provenance
 * (builder, source repository and ref), the SBOM and the secret scan the provenance links by digest; and each
 * tampered or non-conforming variant refused with its rule and reason.
 */
class VerifyPolicyCommandTest {
    @TempDir
    static Path dir;
    static Path jar;
    static Path provenance;
    static Path sbom;
    static Path secrets;
    static final String POLICY = """
            builders: [https://jenkins.example.com/]
            sourceRepositories: [git+https://git.example.com/team/app.git]
            sourceRefs: [main, release/*]
            requireSbom: true
            maxSecretSeverity: LOW
            """;

    @BeforeAll
    static void release() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        Tools.run(dir, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "k.pub");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "o.pem");
        jar = Files.writeString(dir.resolve("app-1.0.jar"), "the release");
        Path clean = Files.createDirectories(dir.resolve("src"));
        Files.writeString(clean.resolve("App.java"), "class App {}");
        Files.createDirectories(dir.resolve("pipeline-integrity/results"));
        secrets = dir.resolve("pipeline-integrity/results/secrets-1.json");
        assertThat(CliRun.of("scan-secrets", clean.toString(), "--format", "json", "--output", secrets.toString())
                .code()).isZero();
        sbom = Files.writeString(dir.resolve("app.cdx.json"), """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
                  {"type": "library", "name": "log4j-core", "version": "2.14.1",
                   "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]}""");
        assertThat(CliRun.of("sign", "--file", jar.toString(), "--key", dir.resolve("k.pem").toString()).code()).isZero();
        provenance = provenance("k.pem", "main", "prov.intoto.jsonl");
    }

    static Path provenance(String key, String ref, String name) {
        Path out = dir.resolve(name);
        CliRun r = CliRun.of("provenance", "--subject", jar.toString(), "--builder-id", "https://jenkins.example.com/",
                "--source-uri", "git+https://git.example.com/team/app.git", "--source-ref", ref, "--byproduct",
                sbom.toString(), "--byproduct", secrets.toString(), "--key", dir.resolve(key).toString(), "--output",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return out;
    }

    static CliRun verify(String policy, Path prov) throws Exception {
        Path p = Files.writeString(dir.resolve("policy-" + Math.abs(policy.hashCode()) + ".yaml"), policy);
        return CliRun.of("verify", "--file", jar.toString(), "--key", dir.resolve("k.pub").toString(), "--policy",
                p.toString(), "--provenance", prov.toString(), "--evidence", dir.toString());
    }

    @Test
    void aConformingReleasePassesEveryRule() throws Exception {
        CliRun r = verify(POLICY, provenance);
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("1 VERIFIED").contains("6 of 6 policy rules hold")
                .contains("HOLDS: built by 'https://jenkins.example.com/', an allowed builder")
                .contains("HOLDS: the build's secret scan found nothing");
    }

    @Test
    void anotherBuilderRepositoryOrRefFailsItsRule() throws Exception {
        CliRun builder = verify(POLICY.replace("https://jenkins.example.com/", "https://ci.example.org/"), provenance);
        assertThat(builder.code()).isEqualTo(1);
        assertThat(builder.out()).contains("policy-builder").contains("FAILS: built by 'https://jenkins.example.com/',"
                + " not one of [https://ci.example.org/]");
        CliRun repo = verify(POLICY.replace("team/app.git", "team/other.git"), provenance);
        assertThat(repo.out()).contains("FAILS: built from 'git+https://git.example.com/team/app.git', not one of");
        CliRun ref = verify(POLICY, provenance("k.pem", "feature/x", "feature.intoto.jsonl"));
        assertThat(ref.code()).isEqualTo(1);
        assertThat(ref.out()).contains("FAILS: built from the ref 'feature/x'");
    }

    @Test
    void provenanceByAnotherKeyOrOfAnotherFileIsNoProvenance() throws Exception {
        CliRun other = verify(POLICY, provenance("o.pem", "main", "other.intoto.jsonl"));
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.out()).contains("policy-provenance").contains("no trusted key verifies the provenance");
        Path copy = Files.writeString(dir.resolve("app-copy.jar"), "another release");
        Path p = Files.writeString(dir.resolve("p.yaml"), POLICY);
        CliRun tampered = CliRun.of("verify", "--file", copy.toString(), "--key", dir.resolve("k.pub").toString(),
                "--policy", p.toString(), "--provenance", provenance.toString(), "--evidence", dir.toString());
        assertThat(tampered.code()).isEqualTo(1);
        assertThat(tampered.out()).contains("MISSING_BUNDLE").contains("the provenance has no subject with the SHA-256");
    }

    @Test
    void provenanceIsHeldToTheProvenanceKeyNotTheReleaseKey() throws Exception {
        // the controller's key signs the provenance, the release key the jar: each is trusted for its own job
        Tools.run(dir, "openssl", "pkey", "-in", "o.pem", "-pubout", "-out", "o.pub");
        Path controller = provenance("o.pem", "main", "controller.intoto.jsonl");
        Path p = Files.writeString(dir.resolve("pk.yaml"), POLICY);
        CliRun ok = CliRun.of("verify", "--file", jar.toString(), "--key", dir.resolve("k.pub").toString(),
                "--provenance-key", dir.resolve("o.pub").toString(), "--policy", p.toString(), "--provenance",
                controller.toString(), "--evidence", dir.toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("6 of 6 policy rules hold");
        // provenance the release key signed is not the controller's
        CliRun byRelease = CliRun.of("verify", "--file", jar.toString(), "--key", dir.resolve("k.pub").toString(),
                "--provenance-key", dir.resolve("o.pub").toString(), "--policy", p.toString(), "--provenance",
                provenance.toString(), "--evidence", dir.toString());
        assertThat(byRelease.code()).isEqualTo(1);
        assertThat(byRelease.out()).contains("no trusted key verifies the provenance");
        CliRun withoutPolicy = CliRun.of("verify", "--file", jar.toString(), "--key", dir.resolve("k.pub").toString(),
                "--provenance-key", dir.resolve("o.pub").toString());
        assertThat(withoutPolicy.code()).isEqualTo(2);
        assertThat(withoutPolicy.err()).contains("are read with --policy");
    }

    @Test
    void deniedPackagesMissingOrTamperedEvidenceFail() throws Exception {
        CliRun denied = verify(POLICY + "denyPackages: [log4j-core]\n", provenance);
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.out()).contains("FAILS: denied packages in the SBOM: [pkg:maven/org.apache.logging.log4j/"
                + "log4j-core@2.14.1]");
        Path p = Files.writeString(dir.resolve("p2.yaml"), POLICY);
        CliRun noEvidence = CliRun.of("verify", "--file", jar.toString(), "--key", dir.resolve("k.pub").toString(),
                "--policy", p.toString(), "--provenance", provenance.toString());
        assertThat(noEvidence.code()).isEqualTo(1);
        assertThat(noEvidence.out()).contains("FAILS: no signed CycloneDX SBOM").contains("policy-secrets");
        String original = Files.readString(secrets);
        try {
            Files.writeString(secrets, original.replace("\"status\" : \"PASS\"", "\"status\" : \"PASS\" "));
            CliRun edited = verify(POLICY, provenance);
            assertThat(edited.code()).isEqualTo(1);
            assertThat(edited.out()).contains("FAILS: the provenance links no secret scan result that is at hand and"
                    + " matches its digest");
        } finally {
            Files.writeString(secrets, original);
        }
    }

    @Test
    void aPolicyThatIsNotOneIsRefusedNamingTheKey() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "buildres: [x]\n");
        CliRun r = CliRun.of("verify", "--file", jar.toString(), "--key", dir.resolve("k.pub").toString(), "--policy",
                bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml").contains("unknown key 'buildres'");
    }
}
