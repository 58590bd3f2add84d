package io.jenkins.plugins.integrity.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** An image's platform, {@code os/architecture[/variant]} as in an OCI index and in {@code --platform}. */
public record Platform(String os, String architecture, String variant) {
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    /** @throws IllegalArgumentException when the text is not os/arch or os/arch/variant */
    public static Platform of(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("a platform is os/arch[/variant], e.g. linux/arm64");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 && !parts[2].isEmpty() ? parts[2] : null);
    }

    static Platform parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode v = node.get("variant");
        return new Platform(node.path("os").asText(""), node.path("architecture").asText(""),
                v != null && v.isTextual() ? v.asText() : null);
    }

    /** Whether an index entry for {@code other} runs here: same os and arch, and the variant if this one names one. */
    public boolean accepts(Platform other) {
        return other != null && os.equals(other.os) && architecture.equals(other.architecture)
                && (variant == null || variant.equals(other.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
