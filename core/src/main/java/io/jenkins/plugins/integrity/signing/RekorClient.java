package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Rekor's {@code POST /api/v1/log/entries}: records a {@code hashedrekord} (v0.0.1) of an artifact's SHA-256, the
 * signature and the signing certificate, and answers the entry with its signed entry timestamp and inclusion
 * proof. https://github.com/sigstore/rekor/blob/main/pkg/types/hashedrekord/v0.0.1/hashedrekord_v0_0_1_schema.json
 */
public final class RekorClient {
    public static final String PUBLIC_GOOD = "https://rekor.sigstore.dev";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SigstoreService service;

    /** @throws IllegalArgumentException when the URL is not https (or http to loopback) */
    public RekorClient(String baseUrl) {
        this.service = new SigstoreService("Rekor", baseUrl);
    }

    /** @throws IOException when Rekor refuses or answers something that is not an entry */
    public TlogEntry logSignature(byte[] sha256, byte[] signature, byte[] certificateDer) throws IOException {
        ObjectNode req = JSON.createObjectNode().put("apiVersion", "0.0.1").put("kind", "hashedrekord");
        ObjectNode spec = req.putObject("spec");
        spec.putObject("data").putObject("hash").put("algorithm", "sha256").put("value", HexFormat.of().formatHex(sha256));
        spec.putObject("signature").put("content", Base64.getEncoder().encodeToString(signature))
                .putObject("publicKey").put("content", Base64.getEncoder().encodeToString(
                        Pem.encode("CERTIFICATE", certificateDer).getBytes(StandardCharsets.UTF_8)));
        try {
            return TlogEntry.fromRekorResponse(service.post("/api/v1/log/entries", req));
        } catch (IllegalArgumentException e) {
            throw new IOException("Rekor answered no usable entry: " + e.getMessage());
        }
    }
}
