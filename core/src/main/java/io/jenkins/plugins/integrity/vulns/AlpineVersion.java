package io.jenkins.plugins.integrity.vulns;

import java.math.BigInteger;

/**
 * apk-tools' version order (Alpine: {@code digit{.digit}...{letter}{_suf{#}}...{~hash}{-r#}}), token by token
 * as apk-tools 2.14 and 3 compare them: the first number and later numbers numerically, except that a later
 * number with a leading zero on either side compares as text (a fraction, as in Gentoo); a letter; suffixes
 * ({@code _alpha < _beta < _pre < _rc <} none {@code < _cvs < _svn < _git < _hg < _p}) and their numbers; a commit
 * hash as text; the package revision {@code -rN}. When one version runs out first, it is the greater only if
 * the other goes on with a pre-release suffix.
 */
final class AlpineVersion implements VersionComparator {
    static final AlpineVersion INSTANCE = new AlpineVersion();

    private enum Type { INITIAL_DIGIT, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, REVISION_NO, END, INVALID }

    /** The suffixes in order, with where "no suffix" stands among them. */
    private static final String[] SUFFIXES = {"alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};
    private static final int NONE = 4;

    /** A cursor over a version: the token at it (its type, text, and number or suffix rank). */
    private static final class Token {
        final String s;
        int pos;
        Type type;
        String value = "";
        int suffix;

        Token(String s) {
            this.s = s;
            type = Type.INITIAL_DIGIT;
            digits();
        }

        private void digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            value = s.substring(start, pos);
            if (value.isEmpty()) {
                type = Type.INVALID;
            }
        }

        void next() {
            if (pos >= s.length()) {
                type = Type.END;
                return;
            }
            char c = s.charAt(pos);
            if (c >= 'a' && c <= 'z') {
                if (type.compareTo(Type.DIGIT) > 0) {
                    type = Type.INVALID;
                    return;
                }
                value = String.valueOf(c);
                type = Type.LETTER;
                pos++;
            } else if (c == '.' || c >= '0' && c <= '9') {
                if (c == '.') {
                    if (type.compareTo(Type.DIGIT) > 0) {
                        type = Type.INVALID;
                        return;
                    }
                    pos++;
                }
                switch (type) {
                    case INITIAL_DIGIT, DIGIT -> type = Type.DIGIT;
                    case SUFFIX -> type = Type.SUFFIX_NO;
                    default -> {
                        type = Type.INVALID;
                        return;
                    }
                }
                digits();
            } else if (c == '_') {
                if (type.compareTo(Type.SUFFIX_NO) > 0) {
                    type = Type.INVALID;
                    return;
                }
                int start = ++pos;
                while (pos < s.length() && s.charAt(pos) >= 'a' && s.charAt(pos) <= 'z') {
                    pos++;
                }
                value = s.substring(start, pos);
                suffix = -1;
                for (int i = 0; i < SUFFIXES.length; i++) {
                    if (i != NONE && SUFFIXES[i].equals(value)) {
                        suffix = i;
                    }
                }
                type = suffix < 0 ? Type.INVALID : Type.SUFFIX;
            } else if (c == '~') {
                if (type.compareTo(Type.COMMIT_HASH) >= 0) {
                    type = Type.INVALID;
                    return;
                }
                int start = ++pos;
                while (pos < s.length() && Character.digit(s.charAt(pos), 16) >= 0) {
                    pos++;
                }
                value = s.substring(start, pos);
                type = value.isEmpty() ? Type.INVALID : Type.COMMIT_HASH;
            } else if (c == '-') {
                if (type.compareTo(Type.REVISION_NO) >= 0 || !s.startsWith("-r", pos)) {
                    type = Type.INVALID;
                    return;
                }
                pos += 2;
                type = Type.REVISION_NO;
                digits();
            } else {
                type = Type.INVALID;
            }
        }
    }

    private static int compareTokens(Token a, Token b) {
        switch (a.type) {
            case DIGIT:
                if (a.value.startsWith("0") || b.value.startsWith("0")) {
                    return text(a.value, b.value);
                }
                return new BigInteger(a.value).compareTo(new BigInteger(b.value));
            case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO:
                return new BigInteger(a.value).compareTo(new BigInteger(b.value));
            case LETTER:
                return Character.compare(a.value.charAt(0), b.value.charAt(0));
            case SUFFIX:
                return Integer.compare(a.suffix, b.suffix);
            default:
                return text(a.value, b.value);
        }
    }

    /** apk's blob order: bytes over the common length, then the shorter first. */
    private static int text(String a, String b) {
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return Character.compare(a.charAt(i), b.charAt(i));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    @Override
    public int compare(String x, String y) {
        Token a = new Token(x.trim());
        Token b = new Token(y.trim());
        while (a.type == b.type && a.type.compareTo(Type.END) < 0) {
            int r = compareTokens(a, b);
            if (r != 0) {
                return Integer.signum(r);
            }
            a.next();
            b.next();
        }
        if (a.type == Type.INVALID || b.type == Type.INVALID) {
            throw new IllegalArgumentException("not an Alpine version: " + (a.type == Type.INVALID ? x : y));
        }
        if (a.type == b.type) {
            return 0;
        }
        if (a.type == Type.SUFFIX && a.suffix < NONE) {
            return -1;
        }
        if (b.type == Type.SUFFIX && b.suffix < NONE) {
            return 1;
        }
        return a.type.compareTo(b.type) > 0 ? -1 : 1;
    }

    @Override
    public boolean valid(String version) {
        Token t = new Token(version.trim());
        while (t.type.compareTo(Type.END) < 0) {
            t.next();
        }
        return t.type == Type.END;
    }
}
