package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.Finding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets hidden by base64 or percent-encoding are decoded, scanned and reported where the encoded value is. */
class DecodingTest {
    private final SecretScanner scanner = new SecretScanner(RuleSet.builtIn());
    private final Tokens tokens = new Tokens(31);

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> found(String file, String text) {
        return scanner.findingsIn(file, text).stream().map(f -> f.rule() + "@" + f.location().line() + ":"
                + f.location().column()).sorted().toList();
    }

    @Test
    void kubernetesSecretDataIsDecodedAndTheProviderRuleWins() {
        String gh = Tokens.join("ghp_", tokens.alnum(36));
        String manifest = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci\ndata:\n  token: " + b64(gh)
                + "\n  password: " + b64(tokens.alnum(16)) + "\n";
        assertThat(found("secret.yaml", manifest))
                .containsExactly("generic-secret-assignment@7:13", "github-pat@6:10");
        Finding decoded = scanner.findingsIn("secret.yaml", manifest).stream()
                .filter(f -> f.rule().equals("github-pat")).findFirst().orElseThrow();
        assertThat(decoded.message()).endsWith("(base64-decoded)").doesNotContain(gh);
    }

    @Test
    void base64InsideBase64IsFoundAndDeepNestingEnds() {
        String gh = Tokens.join("ghp_", tokens.alnum(36));
        assertThat(found("blob.txt", "payload " + b64(b64(gh)) + "\n")).containsExactly("github-pat@1:9");
        String deep = gh;
        for (int i = 0; i < 12; i++) {
            deep = b64(deep);
        }
        assertThat(scanner.findingsIn("deep.txt", deep)).isEmpty();
    }

    @Test
    void percentEncodedValuesAreDecoded() {
        String gh = Tokens.join("ghp_", tokens.alnum(36));
        String encoded = java.net.URLEncoder.encode("https://ci:" + gh + "@github.com/acme/app", StandardCharsets.UTF_8);
        assertThat(found("hook.cfg", "callback=" + encoded + "\n")).contains("github-pat@1:10");
    }

    @Test
    void digestsPathsUuidsAndWordsAreNotDecodedIntoFindings() {
        String text = "sha256: " + tokens.of(Tokens.HEX, 64) + "\n"
                + "path: /usr/share/jenkins/plugins/workflow-cps/WEB-INF/lib\n"
                + "id: 3f2b8c1e-9d4a-4e7b-8c2d-1a5f6e7d8c9b\n"
                + "image: registry.corp.local/platform/build-agent-jdk17:2026.11.23\n"
                + "note: PipelineIntegrityScannerConfiguration\n"
                + "cert: " + b64("-----BEGIN CERTIFICATE-----\n" + tokens.of(Tokens.BASE64, 64)) + "\n";
        assertThat(scanner.findingsIn("values.yaml", text)).isEmpty();
    }

    @Test
    void anInlineAllowOnTheEncodedLineSuppressesTheDecodedSecret() {
        String gh = Tokens.join("ghp_", tokens.alnum(36));
        assertThat(scanner.findingsIn("fixture.yaml", "token: " + b64(gh) + " # pipeline-integrity:allow\n")).isEmpty();
    }
}
