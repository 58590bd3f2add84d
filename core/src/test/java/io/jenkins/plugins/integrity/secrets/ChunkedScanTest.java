package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.Finding;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Scanning in small chunks must find exactly what scanning the text whole finds, at the same places. */
class ChunkedScanTest {
    private static final RuleSet RULES = RuleSet.builtIn();
    private final SecretScanner whole = new SecretScanner(RULES, new TextChunker(1 << 24, 1 << 20));
    private final SecretScanner chunked = new SecretScanner(RULES, new TextChunker(1200, 300));

    @RepeatedTest(20)
    void smallChunksFindTheSameSecretsAsOneChunk(RepetitionInfo info) {
        Random random = new Random(info.getCurrentRepetition());
        List<RuleSamples.Sample> samples = RuleSamples.all().stream()
                .filter(s -> s.secret() && !s.rule().equals("private-key") && !pathBound(s.rule()))
                .filter(s -> s.text().length() < 300) // a secret longer than the chunks' overlap is cut by them
                .toList();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            int filler = random.nextInt(400);
            for (int j = 0; j < filler; j++) {
                text.append(random.nextInt(30) == 0 ? '\n' : (char) ('a' + random.nextInt(26)));
            }
            text.append('\n').append(samples.get(random.nextInt(samples.size())).text());
        }
        List<Finding> expected = whole.findingsIn("f.txt", text.toString());
        assertThat(expected).hasSizeGreaterThanOrEqualTo(40);
        assertThat(chunked.findingsIn("f.txt", text.toString())).isEqualTo(expected);
    }

    /** Rules that apply to one kind of file only (secrets/master.key, JCasC YAML) do not apply to f.txt. */
    private static boolean pathBound(String rule) {
        return RULES.rules().stream().anyMatch(r -> r.id().equals(rule) && r.path() != null);
    }

    @Test
    void columnsAreCountedAcrossChunksOfOneLongLine() {
        String token = Tokens.join("ghp_", new Tokens(3).alnum(36));
        String line = "x".repeat(5000) + " " + token + " " + "y".repeat(3000);
        List<Finding> found = chunked.findingsIn("min.js", "first\n" + line + "\nlast " + token);
        assertThat(found).extracting(f -> f.location().toString())
                .containsExactly("min.js:2:5002", "min.js:3:6");
    }

    @Test
    void aPrivateKeyAcrossAChunkBoundaryIsFoundOnce() {
        RuleSamples.Sample key = RuleSamples.all().stream().filter(s -> s.rule().equals("private-key") && s.secret())
                .findFirst().orElseThrow();
        SecretScanner blocks = new SecretScanner(RULES, new TextChunker(600, 250));
        for (int pad = 0; pad < 450; pad += 37) {
            String text = "a\n".repeat(pad) + key.text() + "tail\n";
            List<Finding> found = blocks.findingsIn("k", text);
            assertThat(found).as("padding " + pad).hasSize(1);
            assertThat(found.get(0).location().line()).as("padding " + pad).isEqualTo(pad + 1);
        }
    }
}
