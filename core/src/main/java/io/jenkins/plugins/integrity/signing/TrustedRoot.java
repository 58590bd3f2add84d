package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Sigstore trust material a keyless verifier needs: the certificate authorities (Fulcio) whose chains a
 * signing certificate must end in and the transparency logs (Rekor) whose keys sign their entries, each with the
 * period it was valid for. Read from a {@code trusted_root.json} (media type
 * {@code application/vnd.dev.sigstore.trustedroot+json;version=0.1}), as {@code cosign trusted-root create},
 * sigstore's TUF repository and private deployments publish it.
 * https://github.com/sigstore/protobuf-specs/blob/main/protos/sigstore_trustroot.proto
 */
public record TrustedRoot(List<CertificateAuthority> certificateAuthorities, List<TransparencyLog> tlogs) {
    static final String MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.trustedroot";
    static final int MAX_SIZE = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    public TrustedRoot {
        certificateAuthorities = List.copyOf(certificateAuthorities);
        tlogs = List.copyOf(tlogs);
    }

    /** A period of validity; {@code end} null when it is still valid. */
    public record Validity(Instant start, Instant end) {
        public boolean contains(Instant t) {
            return !t.isBefore(start) && (end == null || !t.isAfter(end));
        }
    }

    /** A certificate authority: its chain, the issuing certificate first and the root last. */
    public record CertificateAuthority(String uri, List<X509Certificate> chain, Validity validFor) {
        public CertificateAuthority {
            chain = List.copyOf(chain);
        }
    }

    /** A transparency log: its key, its log id (the SHA-256 of the key, as Rekor names it) and validity. */
    public record TransparencyLog(String baseUrl, byte[] logId, PublicKey publicKey, Validity validFor) {}

    /** The log with this id, or null. */
    public TransparencyLog tlog(byte[] logId) {
        for (TransparencyLog t : tlogs) {
            if (java.security.MessageDigest.isEqual(t.logId(), logId)) {
                return t;
            }
        }
        return null;
    }

    /** @throws IllegalArgumentException saying what is missing or malformed */
    public static TrustedRoot parse(byte[] json) {
        if (json.length > MAX_SIZE) {
            throw new IllegalArgumentException("larger than " + (MAX_SIZE >> 20) + " MiB, not a trusted root");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (truncated?)");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a trusted root object");
        }
        if (!root.path("mediaType").asText("").startsWith(MEDIA_TYPE_PREFIX)) {
            throw new IllegalArgumentException("the media type '" + root.path("mediaType").asText("")
                    + "' is not a Sigstore trusted root");
        }
        List<CertificateAuthority> cas = new ArrayList<>();
        for (JsonNode ca : array(root, "certificateAuthorities")) {
            List<X509Certificate> chain = new ArrayList<>();
            for (JsonNode c : array(ca.path("certChain"), "certificates")) {
                try {
                    chain.add(FulcioCertificate.parse(bytes(c, "rawBytes", "a CA certificate")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("a CA certificate is not an X.509 certificate");
                }
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a certificate authority has no certificates");
            }
            cas.add(new CertificateAuthority(ca.path("uri").asText(""), chain, validity(ca.path("validFor"))));
        }
        List<TransparencyLog> logs = new ArrayList<>();
        for (JsonNode t : array(root, "tlogs")) {
            byte[] der = bytes(t.path("publicKey"), "rawBytes", "a transparency log key");
            PublicKey key = publicKey(der);
            byte[] id = t.path("logId").has("keyId") ? bytes(t.path("logId"), "keyId", "a log id") : io.jenkins.plugins.integrity.check.Digests.sha256(der);
            logs.add(new TransparencyLog(t.path("baseUrl").asText(""), id, key, validity(t.path("publicKey")
                    .path("validFor"))));
        }
        if (cas.isEmpty() && logs.isEmpty()) {
            throw new IllegalArgumentException("the trusted root names no certificate authority and no log");
        }
        return new TrustedRoot(cas, logs);
    }

    private static PublicKey publicKey(byte[] der) {
        for (String alg : new String[] {"EC", "Ed25519", "RSA"}) {
            try {
                return KeyFactory.getInstance(alg, SigningKey.BC).generatePublic(new X509EncodedKeySpec(der));
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("a transparency log key is not a public key");
    }

    private static Iterable<JsonNode> array(JsonNode parent, String field) {
        JsonNode a = parent.path(field);
        if (a.isMissingNode() || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException("'" + field + "' is not an array");
        }
        return a;
    }

    private static byte[] bytes(JsonNode parent, String field, String what) {
        JsonNode n = parent.path(field);
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new IllegalArgumentException(what + " has no " + field);
        }
        try {
            return Base64.getDecoder().decode(n.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + "'s " + field + " is not base64");
        }
    }

    private static Validity validity(JsonNode v) {
        try {
            Instant start = v.hasNonNull("start") ? Instant.parse(v.get("start").asText()) : Instant.EPOCH;
            Instant end = v.hasNonNull("end") ? Instant.parse(v.get("end").asText()) : null;
            return new Validity(start, end);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a validity period is not RFC 3339 time");
        }
    }
}
