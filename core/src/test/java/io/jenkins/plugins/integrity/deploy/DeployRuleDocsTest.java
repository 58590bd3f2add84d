package io.jenkins.plugins.integrity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cli.md's check-deploy table lists every rule with its severity and counterpart, as DeployRules has them. */
class DeployRuleDocsTest {
    @Test
    void theDocumentedTableIsTheRuleSet() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "cli.md"));
        for (DeployRule r : DeployRules.ALL) {
            assertThat(doc).as(r.id()).containsPattern("\\| `" + r.id() + "` \\| " + r.severity() + " \\| [^\\n]*\\| "
                    + java.util.regex.Pattern.quote(r.counterpart().isEmpty() ? "(none)" : r.counterpart()) + " \\|");
        }
    }
}
