package io.jenkins.plugins.integrity.secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the secrets in one text. One Aho-Corasick pass finds every keyword; a rule's regex then runs only on
 * windows around its keywords' occurrences: the line (at most {@value #REACH} characters before the keyword,
 * from the keyword on for rules whose matches start with it, and {@value #LINE_REACH} on), or up to
 * {@value #BLOCK_REACH} characters on for rules whose secrets span lines (private keys). Rules
 * without keywords run on the whole text. A regex runs in the JDK's engine where that finds the same matches
 * (nearly all built-in rules, on ASCII windows), else in RE2/J ({@link RulePattern}). A candidate must
 * reach the rule's entropy and pass its allowlists and the global one; generic rules give way to specific
 * rules matching the same span.
 */
final class SecretMatcher {
    static final int REACH = 1024;
    /**
     * How far on from its keyword a one-line secret may end: long tokens exist (an Azure AD access token, a JWT
     * with many claims, is 2 to 4 KiB, and HTTP headers allow 8 KiB), and windows of one rule are merged, so
     * the regex never reads a character twice however many keywords a long line holds.
     */
    static final int LINE_REACH = 16 * 1024;
    static final int BLOCK_REACH = 64 * 1024;

    private final RuleSet ruleSet;
    private final List<SecretRule> rules;
    private final KeywordAutomaton automaton;
    private final int[][] rulesByKeyword;
    private final boolean[] multiline;
    /** The rules of {@link #multiline}, for the matches they made. */
    private final Set<SecretRule> blockRules = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Rules whose matches start with one of their keywords: their windows start at the keyword. */
    private final boolean[] anchored;
    private final List<Integer> unfiltered = new ArrayList<>();
    /** Each rule's regex, run by the engine that keeps its meaning and is faster on the window. */
    private final RulePattern[] regexes;
    /** The texts rules require, each once; a rule's are {@link #requiredOfRule} (indexes), or null for none. */
    private final List<String> required = new ArrayList<>();
    private final int[][] requiredOfRule;
    /** For each keyword, which required text it is (or -1); which required texts are keywords. */
    private final int[] requiredOfKeyword;
    private final boolean[] requiredIsKeyword;

    SecretMatcher(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
        this.rules = ruleSet.rules();
        Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
        multiline = new boolean[rules.size()];
        anchored = new boolean[rules.size()];
        regexes = new RulePattern[rules.size()];
        requiredOfRule = new int[rules.size()][];
        for (int r = 0; r < rules.size(); r++) {
            SecretRule rule = rules.get(r);
            multiline[r] = spansLines(rule);
            if (multiline[r]) {
                blockRules.add(rule);
            }
            regexes[r] = RulePattern.of(rule.regex());
            if (!rule.requires().isEmpty()) {
                requiredOfRule[r] = rule.requires().stream().mapToInt(this::requiredIndex).toArray();
            }
            anchored[r] = LiteralPrefix.startsEveryMatch(rule.regex().pattern(), rule.keywords());
            if (rule.keywords().isEmpty() || !rule.keywords().stream().allMatch(KeywordAutomaton::accepts)) {
                unfiltered.add(r);
                continue;
            }
            for (String k : rule.keywords()) {
                byKeyword.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        // the keyword pass finds required texts too (a keyword no rule's windows come from)
        for (String text : required) {
            if (KeywordAutomaton.accepts(text)) {
                byKeyword.computeIfAbsent(text, x -> new ArrayList<>());
            }
        }
        List<String> keywords = new ArrayList<>(byKeyword.keySet());
        automaton = new KeywordAutomaton(keywords, EncodedValues.VALUE_CHARS, EncodedValues.MIN_RUN);
        rulesByKeyword = new int[keywords.size()][];
        requiredOfKeyword = new int[keywords.size()];
        requiredIsKeyword = new boolean[required.size()];
        for (int k = 0; k < keywords.size(); k++) {
            rulesByKeyword[k] = byKeyword.get(keywords.get(k)).stream().mapToInt(Integer::intValue).toArray();
            requiredOfKeyword[k] = required.indexOf(keywords.get(k));
            if (requiredOfKeyword[k] >= 0) {
                requiredIsKeyword[requiredOfKeyword[k]] = true;
            }
        }
    }

    private int requiredIndex(String text) {
        if (!required.contains(text)) {
            required.add(text);
        }
        return required.indexOf(text);
    }

    /** Whether a rule's secrets can span lines, so that its windows must not stop at a line end. */
    private static boolean spansLines(SecretRule rule) {
        String re = rule.regex().pattern();
        return rule.multiline() || re.contains("[\\s\\S]") || re.contains("(?s");
    }

    /**
     * The secrets found in a text, and what the keyword pass recorded for the passes after it: where the
     * text's lines start, and its runs of {@link EncodedValues#VALUE_CHARS} (as {@link KeywordAutomaton.Scan}
     * gives them). The text as one byte per character comes along too.
     */
    record Matches(List<SecretMatch> found, LineIndex lines, byte[] latin1, int[] valueRuns, int valueRunCount) {}

    List<SecretMatch> find(String path, String text) {
        return scan(path, text).found();
    }

    Matches scan(String path, String text) {
        return scan(path, text, null);
    }

    /**
     * @param latin1 the text as one byte per character when the caller has it (an ASCII file's bytes), else
     *     null
     */
    Matches scan(String path, String text, byte[] latin1) {
        if (ruleSet.allowsPath(path)) {
            return new Matches(List.of(), null, null, new int[0], 0);
        }
        boolean[] applies = new boolean[rules.size()];
        for (int r = 0; r < rules.size(); r++) {
            applies[r] = appliesTo(rules.get(r), path);
        }
        byte[] bytes = latin1 != null ? latin1 : KeywordAutomaton.latin1(text);
        KeywordAutomaton.Scan pass = automaton.scan(bytes);
        Windows[] windows = windowsOf(text.length(), applies, pass);
        List<SecretMatch> found = new ArrayList<>();
        RequiredText requiredText = required.isEmpty() ? null
                : new RequiredText(text, required, pass, requiredOfKeyword, requiredIsKeyword);
        for (int r = 0; r < rules.size(); r++) {
            if (windows[r] != null) {
                for (int w = 0; w < windows[r].size(); w++) {
                    int from = windows[r].start(w);
                    int to = windows[r].end(w);
                    if (requiredOfRule[r] == null || requiredText.allWithin(requiredOfRule[r], from, to)) {
                        collect(r, text, from, to, found);
                    }
                }
            }
        }
        return new Matches(resolveOverlaps(found), new LineIndex(pass.lineFeeds(), pass.lineCount()), bytes,
                pass.runs(), pass.runCount());
    }

    /**
     * The windows of each rule: around each occurrence of one of its keywords, from the start of the line
     * (at most {@value #REACH} characters back) to the end of the line (at most {@value #LINE_REACH} on), or
     * {@value #BLOCK_REACH} on for rules whose secrets span lines. Hits come in the order their keyword's
     * last character was read, so the line they are on is found by walking the line feeds once.
     */
    private Windows[] windowsOf(int n, boolean[] applies, KeywordAutomaton.Scan pass) {
        Windows[] windows = new Windows[rules.size()];
        for (int r : unfiltered) {
            if (applies[r]) {
                windows[r] = new Windows();
                windows[r].add(0, n);
            }
        }
        int[] lf = pass.lineFeeds();
        int lines = pass.lineCount();
        int l = 0;
        for (int h = 0; h < pass.hitCount(); h++) {
            int keyword = pass.keywords()[h];
            int start = pass.starts()[h];
            int last = start + automaton.length(keyword) - 1;
            while (l < lines && lf[l] < last) {
                l++;
            }
            int lineStart = l == 0 ? 0 : lf[l - 1] + 1;
            int lineEnd = l < lines ? lf[l] : n;
            for (int r : rulesByKeyword[keyword]) {
                if (!applies[r]) {
                    continue;
                }
                if (windows[r] == null) {
                    windows[r] = new Windows();
                }
                // one character before the keyword, so that a \b in front of it is judged as in the line
                int from = Math.max(lineStart, anchored[r] ? start - 1 : start - REACH);
                if (multiline[r]) {
                    windows[r].add(from, (int) Math.min(n, (long) start + BLOCK_REACH));
                } else {
                    windows[r].add(from, (int) Math.min(lineEnd, (long) start + LINE_REACH));
                }
            }
        }
        return windows;
    }

    private static boolean appliesTo(SecretRule rule, String path) {
        if (rule.path() != null && !rule.path().find(path)) {
            return false;
        }
        for (Allowlist a : rule.allowlists()) {
            if (a.allowsPath(path)) {
                return false;
            }
        }
        return true;
    }

    private void collect(int r, String text, int from, int to, List<SecretMatch> found) {
        SecretRule rule = rules.get(r);
        int[] spans = regexes[r].matches(text, from, to, rule.secretGroup());
        for (int i = 0; i < spans.length; i += 4) {
            int start = spans[i + 2];
            int end = spans[i + 3];
            if (start < 0 || end <= start) {
                continue;
            }
            String secret = text.substring(start, end);
            if (rule.entropy() > 0 && Entropy.shannon(secret) < rule.entropy()) {
                continue;
            }
            String match = text.substring(spans[i], spans[i + 1]);
            String line = lineAround(text, start);
            if (ruleSet.allows(secret, match, line) || allowedByRule(rule, secret, match, line)) {
                continue;
            }
            found.add(new SecretMatch(rule, start, end, secret, InlineAllow.marks(line)));
        }
    }

    private static boolean allowedByRule(SecretRule rule, String secret, String match, String line) {
        for (Allowlist a : rule.allowlists()) {
            if (a.allows(secret, match, line)) {
                return true;
            }
        }
        return false;
    }

    private static String lineAround(String text, int offset) {
        int from = Math.max(0, offset - REACH);
        int lf = text.lastIndexOf('\n', offset - 1);
        from = Math.max(from, lf + 1);
        int to = text.indexOf('\n', offset);
        int limit = (int) Math.min(text.length(), (long) offset + REACH);
        return text.substring(from, to < 0 || to > limit ? limit : to);
    }

    private List<SecretMatch> resolveOverlaps(List<SecretMatch> found) {
        if (found.size() < 2) {
            return found;
        }
        List<SecretMatch> specific = found.stream().filter(m -> !m.rule().generic()).toList();
        List<SecretMatch> kept = new ArrayList<>(specific);
        for (SecretMatch m : found) {
            if (m.rule().generic() && specific.stream().noneMatch(m::overlaps)
                    && kept.stream().noneMatch(k -> k.rule().generic() && k.overlaps(m))) {
                kept.add(m);
            }
        }
        // a key block is one secret: what its random body happens to look like (EAAA..., AIza...) is not another
        List<SecretMatch> blocks = kept.stream().filter(m -> blockRules.contains(m.rule())).toList();
        if (!blocks.isEmpty()) {
            kept.removeIf(m -> blocks.stream().anyMatch(b -> b.start() <= m.start() && m.end() <= b.end()
                    && b.end() - b.start() > m.end() - m.start()));
        }
        kept.sort(Comparator.comparingInt(SecretMatch::start).thenComparing(m -> m.rule().id()));
        // the same rule can find the same secret from two merged windows only once
        List<SecretMatch> unique = new ArrayList<>(kept.size());
        for (SecretMatch m : kept) {
            if (unique.isEmpty() || !(unique.get(unique.size() - 1).start() == m.start()
                    && unique.get(unique.size() - 1).rule() == m.rule())) {
                unique.add(m);
            }
        }
        return unique;
    }
}
