package io.jenkins.plugins.integrity.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code rule-samples.txt}: one true ({@code +}) or false ({@code -}) sample a line, whose values are
 * made from templates at test time (the file's header documents the syntax).
 */
final class RuleSampleFile {
    static final String RESOURCE = "rule-samples.txt";
    private static final Pattern TEMPLATE = Pattern.compile("⟨([A-Za-z0-9]+)(?::([^⟨⟩]*))?⟩");
    private static final Map<String, String> ALPHABETS = Map.ofEntries(
            Map.entry("hex", Tokens.HEX),
            Map.entry("HEX", Tokens.HEX.toUpperCase()),
            Map.entry("alnum", Tokens.ALNUM),
            Map.entry("alpha", Tokens.UPPER + Tokens.UPPER.toLowerCase()),
            Map.entry("lower", Tokens.UPPER.toLowerCase()),
            Map.entry("upper", Tokens.UPPER),
            Map.entry("digits", Tokens.DIGITS),
            Map.entry("lowalnum", Tokens.UPPER.toLowerCase() + Tokens.DIGITS),
            Map.entry("upalnum", Tokens.UPPER + Tokens.DIGITS),
            Map.entry("b64", Tokens.BASE64),
            Map.entry("url", Tokens.URLSAFE),
            Map.entry("b32", Tokens.BASE32),
            Map.entry("lb32", Tokens.BASE32.toLowerCase()),
            Map.entry("bcrypt", Tokens.ALNUM + "./"));

    private RuleSampleFile() {}

    static List<RuleSamples.Sample> read(long seed) {
        Tokens tokens = new Tokens(seed);
        List<RuleSamples.Sample> samples = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines()) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 4);
            if (parts.length < 4 || !(parts[0].equals("+") || parts[0].equals("-"))) {
                throw new IllegalArgumentException(RESOURCE + ":" + lineNo + ": expected '+|- RULE FILE TEXT'");
            }
            String text = expand(unescape(parts[3]), tokens) + "\n";
            boolean secret = parts[0].equals("+");
            int open = text.indexOf('«');
            int close = text.indexOf('»');
            if (secret != (open >= 0 && close > open)) {
                throw new IllegalArgumentException(RESOURCE + ":" + lineNo
                        + (secret ? ": a true sample marks its value with « »" : ": a false sample has no « »"));
            }
            String value = secret ? text.substring(open + 1, close) : null;
            String plain = secret ? text.substring(0, open) + value + text.substring(close + 1) : text;
            samples.add(new RuleSamples.Sample(parts[1], secret, parts[2], plain, value));
        }
        return samples;
    }

    private static List<String> lines() {
        try (InputStream in = RuleSampleFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Expands the innermost templates first, so that {@code ⟨b64enc:user:⟨alnum:8⟩⟩} works. */
    static String expand(String text, Tokens tokens) {
        String s = text;
        while (true) {
            Matcher m = TEMPLATE.matcher(s);
            if (!m.find()) {
                return s;
            }
            StringBuilder out = new StringBuilder();
            do {
                m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), m.group(2), tokens)));
            } while (m.find());
            m.appendTail(out);
            s = out.toString();
        }
    }

    private static String value(String kind, String arg, Tokens tokens) {
        switch (kind) {
            case "uuid":
                return tokens.of(Tokens.HEX, 8) + "-" + tokens.of(Tokens.HEX, 4) + "-" + tokens.of(Tokens.HEX, 4)
                        + "-" + tokens.of(Tokens.HEX, 4) + "-" + tokens.of(Tokens.HEX, 12);
            case "rep": {
                int colon = arg.lastIndexOf(':');
                return arg.substring(0, colon).repeat(Integer.parseInt(arg.substring(colon + 1)));
            }
            case "b64enc":
                return Base64.getEncoder().encodeToString(arg.getBytes(StandardCharsets.UTF_8));
            default: {
                String alphabet = ALPHABETS.get(kind);
                if (alphabet == null || arg == null) {
                    throw new IllegalArgumentException("unknown template ⟨" + kind + "⟩ in " + RESOURCE);
                }
                return tokens.of(alphabet, Integer.parseInt(arg));
            }
        }
    }
}
