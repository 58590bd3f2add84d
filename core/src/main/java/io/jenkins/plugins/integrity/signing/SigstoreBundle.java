package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * A Sigstore bundle (v0.3, JSON as the protobuf-specs map it): as verification material either the hint of the
 * key that signed (key-based) or the signing certificate with the transparency log entries that vouch for it
 * (keyless); and either a message signature (a file's SHA-256 and the signature over the file) or a DSSE
 * envelope. https://github.com/sigstore/protobuf-specs/blob/main/protos/sigstore_bundle.proto
 * Key-based bundles carry no transparency log entries or timestamps.
 *
 * @param certificate the DER of the signing certificate (keyless), or null
 */
public record SigstoreBundle(String mediaType, String keyHint, byte[] certificate, List<TlogEntry> tlogEntries,
        MessageSignature messageSignature, Dsse.Envelope envelope) {
    public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    /** The earlier versions that verifiers accept too. */
    static final java.util.Set<String> READABLE = java.util.Set.of(MEDIA_TYPE,
            "application/vnd.dev.sigstore.bundle+json;version=0.2", "application/vnd.dev.sigstore.bundle+json;version=0.1");
    static final int MAX_BUNDLE = 16 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    public SigstoreBundle {
        tlogEntries = List.copyOf(tlogEntries);
    }

    /** A key-based bundle: a message signature or a DSSE envelope, by the key of this hint. */
    public static SigstoreBundle keyBased(String keyHint, MessageSignature messageSignature, Dsse.Envelope envelope) {
        return new SigstoreBundle(MEDIA_TYPE, keyHint, null, List.of(), messageSignature, envelope);
    }

    /** The SHA-256 of the signed file and the signature over the file. */
    public record MessageSignature(byte[] sha256, byte[] signature) {}

    /**
     * The raw bundle of a file, {@code FILE.sigstore.json} in {@code dir} (null: beside the file), or null when
     * there is none; at most one byte more than a bundle may be, so that an oversized one is refused by
     * {@link #parse}, not read whole.
     */
    public static byte[] readBeside(java.nio.file.Path file, java.nio.file.Path dir) {
        java.nio.file.Path b = (dir == null ? file.toAbsolutePath().getParent() : dir.toAbsolutePath())
                .resolve(file.getFileName() + ".sigstore.json");
        if (!java.nio.file.Files.isRegularFile(b)) {
            return null;
        }
        try (var in = java.nio.file.Files.newInputStream(b)) {
            return in.readNBytes(MAX_BUNDLE + 1);
        } catch (IOException e) {
            return null;
        }
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("mediaType", MEDIA_TYPE);
        ObjectNode material = root.putObject("verificationMaterial");
        if (certificate != null) {
            material.putObject("certificate").put("rawBytes", Base64.getEncoder().encodeToString(certificate));
        } else {
            material.putObject("publicKey").put("hint", keyHint);
        }
        var entries = material.putArray("tlogEntries");
        tlogEntries.forEach(e -> entries.add(e.toJson(JSON)));
        material.putObject("timestampVerificationData").putArray("rfc3161Timestamps");
        Base64.Encoder b64 = Base64.getEncoder();
        if (messageSignature != null) {
            ObjectNode ms = root.putObject("messageSignature");
            ms.putObject("messageDigest").put("algorithm", "SHA2_256").put("digest", b64.encodeToString(messageSignature.sha256()));
            ms.put("signature", b64.encodeToString(messageSignature.signature()));
        } else {
            root.set("dsseEnvelope", envelope.toJsonNode());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a bundle could not be written", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming what is missing, malformed or of an unknown media type
     */
    public static SigstoreBundle parse(byte[] json) {
        if (json.length > MAX_BUNDLE) {
            throw new IllegalArgumentException("larger than " + (MAX_BUNDLE >> 20) + " MiB, not a bundle");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (truncated?)");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a bundle object");
        }
        String mediaType = root.path("mediaType").asText("");
        if (!READABLE.contains(mediaType)) {
            throw new IllegalArgumentException("the media type '" + mediaType + "' is not a Sigstore bundle");
        }
        JsonNode material = root.path("verificationMaterial");
        String hint = material.path("publicKey").path("hint").asText(null);
        byte[] certificate = null;
        if (material.has("certificate")) {
            certificate = base64(material.path("certificate").path("rawBytes"), "certificate");
        } else if (material.has("x509CertificateChain")) {
            certificate = base64(material.path("x509CertificateChain").path("certificates").path(0).path("rawBytes"),
                    "x509CertificateChain certificate");
        }
        List<TlogEntry> entries = new java.util.ArrayList<>();
        JsonNode tlog = material.path("tlogEntries");
        if (!tlog.isMissingNode() && !tlog.isArray()) {
            throw new IllegalArgumentException("the bundle's tlogEntries are not an array");
        }
        for (JsonNode e : tlog) {
            entries.add(TlogEntry.fromJson(e));
        }
        JsonNode ms = root.get("messageSignature");
        JsonNode dsse = root.get("dsseEnvelope");
        if ((ms == null) == (dsse == null)) {
            throw new IllegalArgumentException("a bundle holds exactly one of messageSignature and dsseEnvelope");
        }
        if (ms != null) {
            JsonNode digest = ms.path("messageDigest");
            if (!"SHA2_256".equals(digest.path("algorithm").asText())) {
                throw new IllegalArgumentException("the message digest is not SHA2_256");
            }
            byte[] sha = base64(digest.path("digest"), "messageDigest.digest");
            if (sha.length != 32) {
                throw new IllegalArgumentException("the message digest is not 32 bytes");
            }
            return new SigstoreBundle(mediaType, hint, certificate, entries,
                    new MessageSignature(sha, base64(ms.path("signature"), "signature")), null);
        }
        return new SigstoreBundle(mediaType, hint, certificate, entries, null, Dsse.Envelope.fromJsonNode(dsse));
    }

    static byte[] base64(JsonNode node, String field) {
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException("the bundle has no " + field);
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the bundle's " + field + " is not base64");
        }
    }
}
