package io.jenkins.plugins.integrity.check;

import java.util.regex.Pattern;

/** URLs as reports may show them: the user information (a user and password or token) masked. */
public final class Urls {
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

    private Urls() {}

    /** {@code https://user:token@host/x} as {@code https://***@host/x}; other text unchanged. */
    public static String maskUserinfo(String url) {
        return USERINFO.matcher(url).replaceFirst("$1***@");
    }
}
