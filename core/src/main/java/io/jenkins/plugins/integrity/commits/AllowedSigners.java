package io.jenkins.plugins.integrity.commits;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * An {@code allowed_signers} file as git's {@code gpg.ssh.allowedSignersFile} and {@code ssh-keygen -Y verify}
 * read it (ssh-keygen(1), ALLOWED SIGNERS): per line, principals (a pattern list), options
 * ({@code cert-authority}, {@code namespaces="git"}, {@code valid-after}, {@code valid-before}), a key type
 * and the base64 key. Times without {@code Z} are read as UTC (ssh-keygen reads them as local time).
 */
public final class AllowedSigners {
    /** One line: who the key belongs to, and where and when it may sign. */
    record Entry(List<String> principals, boolean certAuthority, List<String> namespaces, Instant validAfter,
            Instant validBefore, SshKey key, int line) {

        boolean allowsNamespace(String namespace) {
            return namespaces == null || namespaces.stream().anyMatch(p -> Patterns.matches(p, namespace));
        }

        boolean validAt(Instant when) {
            return (validAfter == null || !when.isBefore(validAfter)) && (validBefore == null || when.isBefore(validBefore));
        }

        /** Whether one of the principal patterns matches (an OpenSSH pattern list: {@code *}, {@code ?}, {@code !}). */
        boolean hasPrincipal(String principal) {
            return Patterns.matchesList(principals, principal);
        }
    }

    private final List<Entry> entries;

    private AllowedSigners(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static AllowedSigners none() {
        return new AllowedSigners(List.of());
    }

    public int size() {
        return entries.size();
    }

    List<Entry> entries() {
        return entries;
    }

    public AllowedSigners and(AllowedSigners more) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(more.entries);
        return new AllowedSigners(all);
    }

    public static AllowedSigners read(byte[] content, String name) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(parse(line, i + 1));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new InvalidInputException(name, "line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException(name, "holds no allowed signer");
        }
        return new AllowedSigners(entries);
    }

    private static Entry parse(String line, int number) {
        List<String> tokens = tokens(line);
        if (tokens.size() < 3) {
            throw new IllegalArgumentException("expected 'principals [options] keytype key'");
        }
        List<String> principals = List.of(unquote(tokens.get(0)).split(","));
        int k = 1;
        boolean ca = false;
        List<String> namespaces = null;
        Instant after = null;
        Instant before = null;
        if (!looksLikeKeyType(tokens.get(1))) {
            for (String option : splitOptions(tokens.get(1))) {
                String lower = option.toLowerCase(Locale.ROOT);
                if (lower.equals("cert-authority")) {
                    ca = true;
                } else if (lower.startsWith("namespaces=")) {
                    namespaces = List.of(unquote(option.substring(11)).split(","));
                } else if (lower.startsWith("valid-after=")) {
                    after = time(unquote(option.substring(12)));
                } else if (lower.startsWith("valid-before=")) {
                    before = time(unquote(option.substring(13)));
                } else {
                    throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            k = 2;
        }
        if (tokens.size() < k + 2) {
            throw new IllegalArgumentException("no key after the options");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(tokens.get(k + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not base64");
        }
        SshKey key = SshKey.fromBlob(blob);
        if (!key.type().equals(tokens.get(k))) {
            throw new IllegalArgumentException("the key is a " + key.type() + ", the line says " + tokens.get(k));
        }
        return new Entry(principals, ca, namespaces, after, before, key, number);
    }

    private static boolean looksLikeKeyType(String token) {
        return token.startsWith("ssh-") || token.startsWith("ecdsa-") || token.startsWith("sk-");
    }

    /** Splits on white space outside double quotes, dropping empty pieces. */
    private static List<String> tokens(String line) {
        List<String> out = split(line, Character::isWhitespace);
        out.removeIf(String::isEmpty);
        return out;
    }

    /** Splits options on commas outside double quotes. */
    private static List<String> splitOptions(String options) {
        return split(options, c -> c == ',');
    }

    private static List<String> split(String s, java.util.function.IntPredicate separator) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && separator.test(c)) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quotes");
        }
        out.add(cur.toString());
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** YYYYMMDD[HHMM[SS]][Z]. */
    static Instant time(String text) {
        String t = text.endsWith("Z") || text.endsWith("z") ? text.substring(0, text.length() - 1) : text;
        String pattern = switch (t.length()) {
            case 8 -> "yyyyMMdd";
            case 12 -> "yyyyMMddHHmm";
            case 14 -> "yyyyMMddHHmmss";
            default -> throw new IllegalArgumentException("time '" + text + "' is not YYYYMMDD[HHMM[SS]][Z]");
        };
        try {
            String padded = t.length() == 8 ? t + "0000" : t;
            String fmt = t.length() == 8 ? "yyyyMMddHHmm" : pattern;
            return LocalDateTime.parse(padded, DateTimeFormatter.ofPattern(fmt)).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + text + "' is not a valid date");
        }
    }
}
