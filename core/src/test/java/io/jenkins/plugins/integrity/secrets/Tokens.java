package io.jenkins.plugins.integrity.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Makes credential-shaped test values at run time from a seeded generator, so that no token is written in
 * this repository's sources (where our own scanner, and any other, would rightly flag it).
 */
public final class Tokens {
    public static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public static final String ALNUM = UPPER + "abcdefghijklmnopqrstuvwxyz0123456789";
    public static final String BASE32 = UPPER + "234567";
    public static final String HEX = "0123456789abcdef";
    public static final String DIGITS = "0123456789";
    public static final String BASE64 = ALNUM + "+/";
    public static final String URLSAFE = ALNUM + "-_";

    private final Random random;

    public Tokens(long seed) {
        this.random = new Random(seed);
    }

    public String of(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    public String alnum(int length) {
        return of(ALNUM, length);
    }

    public static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Joins parts; used where a prefix and a body must not stand together in the source. */
    public static String join(String... parts) {
        return String.join("", parts);
    }
}
