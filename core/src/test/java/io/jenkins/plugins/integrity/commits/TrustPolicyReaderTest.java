package io.jenkins.plugins.integrity.commits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustPolicyReaderTest {
    private static final Path DOC = Path.of("..", "docs", "trust-policy.md");
    private static final Path SCHEMA = Path.of("..", "docs", "trust-policy.schema.json");

    @TempDir Path dir;

    /** The example policy of docs/trust-policy.md. */
    private static String documentedExample() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("```yaml\n") + 8;
        return doc.substring(start, doc.indexOf("```", start));
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theDocumentedExampleIsValidForTheSchemaAndTheReader() throws Exception {
        JsonNode example = new YAMLMapper().readTree(documentedExample());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(new ObjectMapper().readTree(SCHEMA.toFile()));
        assertThat(schema.validate(example)).isEmpty();
        Set<String> schemaFields = new TreeSet<>();
        schema.getSchemaNode().path("properties").fieldNames().forEachRemaining(schemaFields::add);
        assertThat(schemaFields).isEqualTo(new TreeSet<>(Set.of("version", "openpgpKeys", "allowedSigners",
                "sshRevokedKeys", "identity", "requireIdentityMatch", "expiredKeys", "groups", "pathRules",
                "unsignedMergeCommitters", "x509Roots", "sigstoreIssuers")));
        String yaml = documentedExample().replaceAll("(?m)^(openpgpKeys|allowedSigners|sshRevokedKeys|x509Roots):.*\\n  - .*\\n", "");
        TrustPolicy p = TrustPolicyReader.read(write("policy.yaml", yaml));
        assertThat(p.requireIdentityMatch()).isTrue();
        assertThat(p.pathRules()).singleElement().satisfies(r -> assertThat(r.group()).isEqualTo("release-managers"));
        assertThat(p.inGroup("release-managers", "bob@release.example.com")).isTrue();
        assertThat(p.inGroup("release-managers", "bob@example.com")).isFalse();
        assertThat(p.mergeCommitters()).containsExactly("noreply@github.com");
    }

    @Test
    void hostileOrWrongPoliciesAreRefusedNamingTheFile() throws Exception {
        String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        for (String[] c : new String[][] {
            {bomb, "YAML aliases (*name) are not allowed"},
            {"groups:\n  g:\n    - *@example.com\n", "not a valid YAML trust policy at line 3"},
            {"groups:\n  g: &g [\"a@b\"]\n  h: *g\n", "quote patterns that start with *"},
            {"identity: committer\nidentity: author\n", "not a valid YAML trust policy"},
            {"- a\n- b\n", "a trust policy is a YAML mapping"},
            {"requireIdentiyMatch: true\n", "unknown field 'requireIdentiyMatch'"},
            {"requireIdentityMatch: yes please\n", "requireIdentityMatch must be true or false"},
            {"identity: reviewer\n", "identity must be committer or author"},
            {"expiredKeys: sometimes\n", "expiredKeys must be"},
            {"pathRules:\n  - paths: [Jenkinsfile]\n    group: nobody\n", "group 'nobody', which is not defined"},
            {"pathRules:\n  - paths: []\n    group: g\ngroups:\n  g: [a@b]\n", "at least one path"},
            {"version: 2\n", "version must be 1"},
            {"openpgpKeys: missing.asc\n", "missing.asc: no such file"},
            {"allowedSigners: [\"../../../../../../etc\"]\n", "is a directory"},
        }) {
            Path p = write("p.yaml", c[0]);
            assertThatThrownBy(() -> TrustPolicyReader.read(p)).as(c[0]).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void keysComeFromFilesNextToThePolicy() throws Exception {
        write("keys/allowed_signers", "# nobody yet\n");
        Path p = write("policy.yaml", "allowedSigners: keys/allowed_signers\n");
        assertThatThrownBy(() -> TrustPolicyReader.read(p)).hasMessageContaining("keys/allowed_signers")
                .hasMessageContaining("holds no allowed signer");
    }

    @Test
    void aPolicyWhoseKeysComeFromCredentialsMayNotNameFiles() {
        assertThatThrownBy(() -> TrustPolicyReader.read("openpgpKeys: k.asc\n", "global policy", OpenPgpKeys.none(),
                AllowedSigners.none(), SshKeyList.none(), X509Roots.none())).hasMessageContaining("here keys come from credentials");
    }
}
