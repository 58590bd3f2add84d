package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;

/**
 * An OIDC identity token (a JWT) to exchange for a Fulcio certificate. Its value is a secret: {@link #toString()}
 * names only the issuer and subject, and no error quotes it. The signature is Fulcio's to check, not ours.
 */
public final class OidcToken {
    private final String value;
    private final String issuer;
    private final String subject;

    private OidcToken(String value, String issuer, String subject) {
        this.value = value;
        this.issuer = issuer;
        this.subject = subject;
    }

    /** @throws IllegalArgumentException when the text is not a JWT with an issuer and a subject (or email) */
    public static OidcToken parse(String jwt) {
        String t = jwt.strip();
        String[] parts = t.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("the identity token is not a JWT (three dot-separated parts)");
        }
        JsonNode claims;
        try {
            claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the identity token's claims are not base64url JSON");
        }
        if (claims == null || !claims.isObject()) {
            throw new IllegalArgumentException("the identity token's claims are not a JSON object");
        }
        String iss = claims.path("iss").asText("");
        // Fulcio checks possession against the email claim when the token has one, else against the subject
        String sub = claims.hasNonNull("email") ? claims.get("email").asText() : claims.path("sub").asText("");
        if (iss.isEmpty() || sub.isEmpty()) {
            throw new IllegalArgumentException("the identity token has no issuer or no subject");
        }
        return new OidcToken(t, iss, sub);
    }

    String value() {
        return value;
    }

    public String issuer() {
        return issuer;
    }

    /** The email claim, or the subject when there is none: what the certificate will name. */
    public String subject() {
        return subject;
    }

    @Override
    public String toString() {
        return "OIDC token of " + subject + " from " + issuer;
    }
}
