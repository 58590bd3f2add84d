package io.jenkins.plugins.integrity.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds encoded values in a text and decodes them, so that secrets hidden by an encoding are scanned too:
 * base64 (standard and URL-safe: Kubernetes Secret {@code data:}, Docker {@code auth}, any blob) and
 * percent-encoding. A value is kept only when it decodes to mostly printable text. The key it is assigned to
 * ({@code password: cGFz...}) is kept in front of the decoded text, so that rules needing a key name see one.
 */
final class EncodedValues {
    static final int MIN_BASE64 = 16;
    static final int MAX_ENCODED = 64 * 1024;
    private static final Pattern KEY_BEFORE = Pattern.compile("([A-Za-z_][\\w.-]{0,60})[\"']?\\s*(?::|=)\\s*[\"']?$");

    /** An encoded value at {@code [start, end)} of the text, and the text to scan in its place. */
    record Decoded(int start, int end, String text, String encoding) {}

    private EncodedValues() {}

    /** Character classes, so that the scan reads one table entry per character. */
    private static final byte B64 = 1;
    private static final byte UPPER = 2;
    private static final byte LOWER = 4;
    private static final byte PERCENT = 8;
    private static final byte DOT = 16;
    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            byte k = 0;
            if (isBase64(c)) {
                k |= B64;
            }
            if (c >= 'A' && c <= 'Z') {
                k |= UPPER;
            } else if (c >= 'a' && c <= 'z') {
                k |= LOWER;
            } else if (c == '%') {
                k |= PERCENT;
            } else if (c == '.' || c == '~') {
                k |= DOT;
            }
            CLASS[c] = k;
        }
    }

    /**
     * The characters an encoded value is made of: a maximal run of them, with up to two {@code =} of padding
     * after it, is a candidate. (Dots and tildes belong to runs so that a dotted name is one run, refused as
     * base64, rather than pieces that might decode.)
     */
    static final String VALUE_CHARS;

    /** The shortest run of {@link #VALUE_CHARS} that can be a value: {@link #MIN_BASE64} with its padding. */
    static final int MIN_RUN = MIN_BASE64 - 2;

    static {
        StringBuilder chars = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            if (CLASS[c] != 0) {
                chars.append(c);
            }
        }
        VALUE_CHARS = chars.toString();
    }

    /**
     * The encoded values among the runs of value characters of a text.
     *
     * @param latin1 the text as one byte per character ({@link KeywordAutomaton#latin1})
     * @param runs the text's maximal runs of {@link #VALUE_CHARS} at least {@link #MIN_RUN} long, in order, as
     *     the keyword pass reports them ({@link KeywordAutomaton.Scan#runs}): run {@code r} is
     *     {@code [runs[2r], runs[2r + 1])}
     */
    static List<Decoded> find(String text, byte[] latin1, int[] runs, int runCount) {
        List<Decoded> out = new ArrayList<>();
        int n = latin1.length;
        for (int r = 0; r < runCount; r++) {
            int start = runs[2 * r];
            int i = runs[2 * r + 1];
            while (start < i && classOf(latin1[start]) == DOT) {
                start++; // a value starts with a base64 or percent character: leading dots are not in it
            }
            int end = i;
            while (end < n && latin1[end] == '=' && end - i < 2) {
                end++;
            }
            int length = end - start;
            if (length < MIN_BASE64 || length > MAX_ENCODED) {
                continue;
            }
            int seen = 0;
            for (int c = start; c < i; c++) {
                seen |= CLASS[latin1[c]]; // a run holds value characters only, all ASCII
            }
            boolean percent = (seen & PERCENT) != 0;
            boolean mixedCase = (seen & (UPPER | LOWER)) == (UPPER | LOWER);
            // neither percent-encoded nor mixed-case base64 without dots: no value
            if (!percent && ((seen & DOT) != 0 || !mixedCase)) {
                continue;
            }
            String value = text.substring(start, end);
            String decoded = percent ? percentDecoded(value) : base64Decoded(value);
            if (decoded != null) {
                out.add(new Decoded(start, end, withKey(text, start) + decoded, percent ? "URL-decoded" : "base64-decoded"));
            }
        }
        return out;
    }

    private static int classOf(byte b) {
        return b >= 0 ? CLASS[b] : 0;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '-' || c == '_';
    }

    /** Mixed-case base64 of printable text; plain words, hex digests and paths do not decode to text. */
    private static String base64Decoded(String value) {
        String body = padded(value.replace('-', '+').replace('_', '/'));
        if (body == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return printable(bytes) ? new String(bytes, StandardCharsets.UTF_8) : null;
    }

    private static String padded(String body) {
        String trimmed = body.replaceAll("=+$", "");
        int pad = (4 - trimmed.length() % 4) % 4;
        return pad == 3 ? null : trimmed + "=".repeat(pad);
    }

    private static String percentDecoded(String value) {
        int escapes = 0;
        for (int i = 0; i + 2 < value.length(); i++) {
            if (value.charAt(i) == '%' && hex(value.charAt(i + 1)) && hex(value.charAt(i + 2))) {
                escapes++;
            }
        }
        if (escapes < 2) {
            return null;
        }
        try {
            return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** At least 6 bytes, all printable ASCII or whitespace (binary blobs are not config text). */
    private static boolean printable(byte[] bytes) {
        if (bytes == null || bytes.length < 6) {
            return false;
        }
        for (byte b : bytes) {
            if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String withKey(String text, int valueStart) {
        int lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
        Matcher m = KEY_BEFORE.matcher(text.substring(Math.max(lineStart, valueStart - 128), valueStart));
        return m.find() ? m.group(1) + ": " : "";
    }
}
