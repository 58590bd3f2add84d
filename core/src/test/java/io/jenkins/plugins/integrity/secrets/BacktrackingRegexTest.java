package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK's engine runs a rule only where it finds what RE2/J finds: every built-in rule is run by both
 * engines on every rule sample, on variants of them and on random text made of the rules' keywords, and
 * must give the same matches and groups; and a regex that backtracks too far is handed back to RE2/J.
 */
class BacktrackingRegexTest {
    private static final List<SecretRule> RULES = RuleSet.builtIn().rules();

    @Test
    void refusesWhatTheJdkReadsDifferently() {
        for (String re : List.of("[[:alpha:]]+", "[a-z&&[^x]]", "[]a]", "\\pL+", "\\p{Greek}", "a\\vb", "a\\hb",
                "(?P<name>a)", "(?U)a+", "(?:ab)*", "(a|b)+", "(?:-[0-9]{4}){3}", "x(?m)^a", "a\\Z", "a\\Qb\\E",
                "[a\\b]", "(?<=a)b", "\\1", "a[bc")) {
            assertThat(BacktrackingRegex.translate(re)).as(re).isNull();
            assertThat(BacktrackingRegex.of(re)).as(re).isNull();
        }
    }

    @Test
    void writesAnchorsAsRe2ReadsThem() {
        assertThat(BacktrackingRegex.translate("key=(\\w+)(?:[^\\w]|$)")).isEqualTo("key=(\\w+)(?:[^\\w]|\\z)");
        assertThat(BacktrackingRegex.translate("(?im)^\\s*pass: (\\S+)$"))
                .isEqualTo("(?i)(?:\\A|(?<=\\n))\\s*pass: (\\S+)(?=\\n|\\z)");
        assertThat(BacktrackingRegex.translate("[$^]a")).isEqualTo("[$^]a");
        assertThat(BacktrackingRegex.translate("\\$\\{x\\}")).isEqualTo("\\$\\{x\\}");
        for (String re : List.of("a$", "(?m)^$", "(?m)^a$", "(?m)b$", "^a", "(?s)a.b", "(?i)K[a-z]y", "\\bkey\\b")) {
            for (String text : List.of("a\n", "a", "a\n\n", "\na", "b\nb\n", "a\nb", "x\na\nb", "a\r\nb", "KEY ky",
                    "a\u000bb")) {
                assertSameMatches(re, 0, text);
            }
        }
    }

    @Test
    void everyBuiltInRuleMatchesAsInRe2OnEveryRuleSample() {
        List<String> texts = new ArrayList<>();
        for (RuleSamples.Sample s : RuleSamples.all()) {
            texts.add(s.text());
            texts.add(s.text().replace("\n", "\r\n"));
            texts.add(s.text().toUpperCase(Locale.ROOT));
            texts.add(s.text().toLowerCase(Locale.ROOT));
            texts.add(s.text().repeat(2));
            texts.add(s.text().substring(0, s.text().length() / 2));
            texts.add(s.text().strip());
        }
        int compared = 0;
        for (SecretRule rule : RULES) {
            BacktrackingRegex jdk = BacktrackingRegex.of(rule.regex().pattern());
            RulePattern pattern = RulePattern.of(rule.regex());
            for (String text : texts) {
                compared += assertSameMatches(pattern, jdk, rule.secretGroup(), text) ? 1 : 0;
            }
        }
        assertThat(compared).as("texts run by both engines").isGreaterThan(RULES.size() * texts.size() / 2);
    }

    @Test
    void everyBuiltInRuleMatchesAsInRe2OnRandomTextOfItsKeywords() {
        Random random = new Random(20261202);
        String alphabet = "aZ09_-.:=/+\"' \t\n@~$%&?#{}()[]<>,;*\\|!";
        for (SecretRule rule : RULES) {
            BacktrackingRegex jdk = BacktrackingRegex.of(rule.regex().pattern());
            RulePattern pattern = RulePattern.of(rule.regex());
            for (int n = 0; n < 150; n++) {
                StringBuilder text = new StringBuilder();
                int parts = 1 + random.nextInt(12);
                for (int p = 0; p < parts; p++) {
                    switch (random.nextInt(4)) {
                        case 0 -> text.append(rule.keywords().isEmpty() ? "key"
                                : rule.keywords().get(random.nextInt(rule.keywords().size())));
                        case 1 -> text.append(Tokens.ALNUM.charAt(random.nextInt(Tokens.ALNUM.length()))
                                + new Tokens(random.nextLong()).alnum(random.nextInt(70)));
                        default -> {
                            for (int c = random.nextInt(4); c >= 0; c--) {
                                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                            }
                        }
                    }
                }
                String t = random.nextBoolean() ? text.toString() : text.toString().toUpperCase(Locale.ROOT);
                assertSameMatches(pattern, jdk, rule.secretGroup(), t);
            }
        }
    }

    @Test
    void everyBuiltInAllowlistAndPathFindsAsInRe2() {
        List<RulePattern> patterns = new ArrayList<>();
        List<Allowlist> allowlists = new ArrayList<>(RuleSet.builtIn().allowlists());
        for (SecretRule rule : RULES) {
            allowlists.addAll(rule.allowlists());
            if (rule.path() != null) {
                patterns.add(rule.path());
            }
        }
        for (Allowlist a : allowlists) {
            patterns.addAll(a.regexes());
            patterns.addAll(a.paths());
        }
        List<String> texts = new ArrayList<>(List.of("", "${TOKEN}", "$API_KEY", "{{ .Values.key }}", "changeme",
                "credentials.xml", "secrets/master.key", "node_modules/x/y.js", "casc/jenkins.yaml", "a/.npmrc",
                "EXAMPLEKEY", "xxxxxxxx", "********", "<password>", "#{secret}", "@token@", "%s"));
        for (RuleSamples.Sample s : RuleSamples.all()) {
            texts.add(s.file());
            texts.addAll(List.of(s.text().split("\n")));
            if (s.value() != null) {
                texts.add(s.value());
            }
        }
        int compared = 0;
        for (RulePattern p : patterns) {
            com.google.re2j.Pattern re2 = com.google.re2j.Pattern.compile(p.pattern());
            for (String t : texts) {
                assertThat(p.find(t)).as("%s on %s", p, t).isEqualTo(re2.matcher(t).find());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(50_000);
    }

    @Test
    void nearlyEveryBuiltInRuleRunsInTheJdkEngine() {
        long backtracking = RULES.stream().filter(r -> BacktrackingRegex.of(r.regex().pattern()) != null).count();
        assertThat(backtracking).isGreaterThan(RULES.size() * 9 / 10);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRegexThatBacktracksTooFarIsHandedBackToRe2() {
        String re = "\\b[\\w.]{0,40}?(?:pa|pb|pc)[\\w.]{0,40}?[\\w.]{0,40}?:";
        String text = "pa.".repeat(7_000); // every pa starts 40 x 40 ways to fail to reach a ':'

        BacktrackingRegex jdk = BacktrackingRegex.of(re);
        assertThat(jdk).isNotNull();
        assertThat(jdk.matches(text, 0, text.length(), 0)).as("over its budget").isNull();

        RuleSet rules = RuleSets.fromToml("""
                [[rules]]
                id = "slow"
                regex = '''%s'''
                keywords = ["p"]
                """.formatted(re), "slow.toml");
        assertThat(new SecretMatcher(rules).find("a.txt", text + "\npa.pa:\n")).singleElement()
                .satisfies(m -> assertThat(m.start()).isEqualTo(text.length() + 1));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWholeTextWindowSpendsAtMostTheOverallBudgetBeforeRe2RunsInstead() {
        String re = "(?i)\\b[\\w.-]{0,40}?(?:password|secret)[\\w.-]{0,20}?=([a-z0-9]{12})";
        String text = "pas.".repeat(600_000) + "\ndb.password=" + "q7x2m9" + "v4k1z8\n";
        assertThat(BacktrackingRegex.of(re).matches(text, 0, text.length(), 1)).as("over %d steps",
                BacktrackingRegex.MAX_STEPS).isNull();
        RuleSet rules = RuleSets.fromToml("""
                [[rules]]
                id = "no-keywords"
                regex = '''%s'''
                """.formatted(re), "k.toml");
        assertThat(new SecretMatcher(rules).find("a.txt", text)).singleElement()
                .satisfies(m -> assertThat(m.secret()).isEqualTo("q7x2m9v4k1z8"));
    }

    @Test
    void aWindowOutsideAsciiIsLeftToRe2() {
        RuleSet rules = RuleSets.fromToml("""
                [[rules]]
                id = "kelvin"
                regex = '''(?i)key=([a-z0-9]{12})'''
                keywords = ["ey="]
                """, "k.toml");
        assertThat(BacktrackingRegex.of(rules.rules().get(0).regex().pattern())).isNotNull();
        assertThat(BacktrackingRegex.plainWindow("\u212Aey=", 0, 4)).isFalse();
        // RE2 folds the Kelvin sign to k; the JDK's ASCII folding would not, so this window runs in RE2/J
        assertThat(new SecretMatcher(rules).find("a.txt", "\u212Aey=q7x2m9v4k1z8\n")).hasSize(1);
        assertThat(java.util.regex.Pattern.compile("(?i)key=([a-z0-9]{12})").matcher("\u212Aey=q7x2m9v4k1z8")
                .find()).as("what the JDK would have said").isFalse();
    }

    private static void assertSameMatches(String re, int group, String text) {
        RulePattern pattern = RulePattern.of(com.google.re2j.Pattern.compile(re));
        assertThat(assertSameMatches(pattern, BacktrackingRegex.of(re), group, text)).as(re + " on " + text)
                .isEqualTo(!text.contains("\u000b"));
    }

    /** Whether both engines ran (the regex has a JDK form, the window is plain) and, if so, asserts that they agree. */
    private static boolean assertSameMatches(RulePattern pattern, BacktrackingRegex jdk, int group, String text) {
        if (jdk == null || !BacktrackingRegex.plainWindow(text, 0, text.length())) {
            return false;
        }
        for (int start : new int[] {0, Math.min(1, text.length())}) {
            int[] theirs = pattern.re2Matches(text, start, text.length(), group);
            int[] ours = jdk.matches(text, start, text.length(), group);
            assertThat(ours).as("%s on %s from %d", pattern, text, start).isEqualTo(theirs);
        }
        return true;
    }
}
