package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/secret-rules.md lists every built-in rule with its severity, as rules.toml defines it. */
class RuleDocsTest {
    @Test
    void theDocumentedTableIsTheRuleSet() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "secret-rules.md"));
        RuleSet rules = RuleSet.builtIn();
        assertThat(doc).contains(rules.rules().size() + " rules;");
        for (SecretRule r : rules.rules()) {
            assertThat(doc).as(r.id()).contains("| `" + r.id() + "` | " + r.severity() + " | " + r.description());
        }
        long rows = doc.lines().filter(l -> l.matches("\\| `[a-z0-9-]+` \\| [A-Z]+ \\| .*")).count();
        assertThat(rows).as("rows in the table").isEqualTo(rules.rules().size());
    }
}
