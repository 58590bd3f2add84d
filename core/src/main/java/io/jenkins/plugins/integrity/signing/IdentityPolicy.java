package io.jenkins.plugins.integrity.signing;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;

/**
 * Whom a keyless signature must come from: the certificate's identity (an email or URI subject alternative
 * name) and the OIDC issuer that vouched for it, each matched exactly or by a regular expression (RE2 syntax,
 * matching the whole value: {@code https://jenkins\.example\.com/job/.*} ). Both are required: a policy that
 * trusts any identity of an issuer says so with {@code .*}.
 */
public record IdentityPolicy(String identity, boolean identityRegex, String issuer, boolean issuerRegex) {
    public IdentityPolicy {
        if (identity == null || identity.isEmpty() || issuer == null || issuer.isEmpty()) {
            throw new IllegalArgumentException("a keyless policy needs both a certificate identity and an OIDC issuer");
        }
        if (identityRegex) {
            compile(identity, "certificate identity");
        }
        if (issuerRegex) {
            compile(issuer, "OIDC issuer");
        }
    }

    /** Null when the certificate's identities and issuer satisfy the policy, else why not. */
    public String mismatch(List<String> identities, String oidcIssuer) {
        if (oidcIssuer == null || !matches(issuer, issuerRegex, oidcIssuer)) {
            return "the certificate's OIDC issuer " + (oidcIssuer == null ? "is missing" : "'" + oidcIssuer + "'")
                    + " does not match " + describe(issuer, issuerRegex);
        }
        if (identities.stream().noneMatch(i -> matches(identity, identityRegex, i))) {
            return "the certificate's identity " + (identities.isEmpty() ? "is missing" : identities.toString())
                    + " does not match " + describe(identity, identityRegex);
        }
        return null;
    }

    private static boolean matches(String expected, boolean regex, String actual) {
        return regex ? Pattern.compile(expected).matches(actual) : expected.equals(actual);
    }

    private static String describe(String expected, boolean regex) {
        return regex ? "the pattern '" + expected + "'" : "'" + expected + "'";
    }

    private static void compile(String regex, String what) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the " + what + " pattern is not a valid regular expression: "
                    + e.getDescription());
        }
    }
}
