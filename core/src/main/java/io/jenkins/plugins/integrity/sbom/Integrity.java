package io.jenkins.plugins.integrity.sbom;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The digests lockfiles give for packages, as CycloneDX hashes: npm's and NuGet's Subresource Integrity
 * strings ({@code sha512-BASE64}, https://www.w3.org/TR/SRI/) and base64 content hashes.
 */
final class Integrity {
    private Integrity() {}

    /** {@code sha512-…} (or sha384, sha256, sha1; several separated by spaces) as {@code SHA-512 → hex}; empty if none parses. */
    static Map<String, String> fromSri(String sri) {
        if (sri == null) {
            return Map.of();
        }
        Map<String, String> out = new java.util.TreeMap<>();
        for (String part : sri.trim().split("\\s+")) {
            int dash = part.indexOf('-');
            if (dash <= 0) {
                continue;
            }
            String alg = switch (part.substring(0, dash)) {
                case "sha512" -> "SHA-512";
                case "sha384" -> "SHA-384";
                case "sha256" -> "SHA-256";
                case "sha1" -> "SHA-1";
                default -> null;
            };
            String hex = base64Hex(part.substring(dash + 1).replaceFirst("\\?.*$", ""));
            if (alg != null && hex != null) {
                out.put(alg, hex);
            }
        }
        return out;
    }

    /** Base64 bytes as hex, or null when it is not base64. */
    static String base64Hex(String b64) {
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A base64 SHA-512 (NuGet's contentHash, deps.json's sha512) as {@code SHA-512 → hex}; empty unless 64 bytes. */
    static Map<String, String> sha512(String b64) {
        String hex = base64Hex(b64);
        return hex == null || hex.length() != 128 ? Map.of() : Map.of("SHA-512", hex);
    }

    /** A hex digest of a known length as {@code ALG → hex}, else empty. */
    static Map<String, String> fromHex(String hex) {
        if (hex == null || !hex.matches("[0-9a-fA-F]+")) {
            return Map.of();
        }
        String alg = switch (hex.length()) {
            case 40 -> "SHA-1";
            case 64 -> "SHA-256";
            case 128 -> "SHA-512";
            default -> null;
        };
        return alg == null ? Map.of() : Map.of(alg, hex.toLowerCase(java.util.Locale.ROOT));
    }
}
