package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Fulcio's {@code POST /api/v2/signingCert}: a short-lived code-signing certificate for an ephemeral key, bound
 * to the identity of an OIDC token, the key proven by a signature over the token's subject.
 * https://github.com/sigstore/fulcio/blob/main/fulcio.proto
 */
public final class FulcioClient {
    public static final String PUBLIC_GOOD = "https://fulcio.sigstore.dev";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SigstoreService service;

    /** @throws IllegalArgumentException when the URL is not https (or http to loopback) */
    public FulcioClient(String baseUrl) {
        this.service = new SigstoreService("Fulcio", baseUrl);
    }

    /**
     * @return the certificate chain, the certificate for the key first
     * @throws IOException when Fulcio refuses or answers something else than a certificate for this key
     */
    public List<X509Certificate> signingCertificate(OidcToken token, KeyPair ephemeral) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        req.putObject("credentials").put("oidcIdentityToken", token.value());
        ObjectNode pk = req.putObject("publicKeyRequest");
        pk.putObject("publicKey").put("algorithm", "ECDSA")
                .put("content", Pem.encode("PUBLIC KEY", ephemeral.getPublic().getEncoded()));
        pk.put("proofOfPossession", Base64.getEncoder().encodeToString(
                KeylessSigner.sign(ephemeral, token.subject().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        JsonNode answer = service.post("/api/v2/signingCert", req);
        JsonNode chain = answer.path("signedCertificateEmbeddedSct").path("chain").path("certificates");
        if (chain.isMissingNode()) {
            chain = answer.path("signedCertificateDetachedSct").path("chain").path("certificates");
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (JsonNode c : chain) {
            byte[] der = Pem.decode(c.asText(""), "CERTIFICATE");
            if (der == null) {
                throw new IOException("Fulcio answered a certificate that is not PEM");
            }
            try {
                certs.add(FulcioCertificate.parse(der));
            } catch (IllegalArgumentException e) {
                throw new IOException("Fulcio answered something that is not a certificate");
            }
        }
        if (certs.isEmpty()) {
            throw new IOException("Fulcio answered no certificate");
        }
        if (!MessageDigest.isEqual(certs.get(0).getPublicKey().getEncoded(), ephemeral.getPublic().getEncoded())) {
            throw new IOException("Fulcio answered a certificate for another key");
        }
        return certs;
    }
}
