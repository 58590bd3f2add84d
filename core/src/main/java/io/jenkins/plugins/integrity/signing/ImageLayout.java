package io.jenkins.plugins.integrity.signing;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where an image's signatures and attestations are written: cosign's tags ({@code sha256-<hex>.sig} and
 * {@code .att}, which cosign 1 and 2 read) and Sigstore bundle referrers (OCI 1.1, which cosign 3 reads).
 * Verification reads both, whichever was written.
 */
public enum ImageLayout {
    TAG, REFERRER;

    /** Both layouts: what signing writes unless told otherwise. */
    public static Set<ImageLayout> both() {
        return EnumSet.allOf(ImageLayout.class);
    }

    /** {@code tag}, {@code referrer} or both, comma-separated. @throws IllegalArgumentException for anything else */
    public static Set<ImageLayout> parse(String text) {
        Set<ImageLayout> out = EnumSet.noneOf(ImageLayout.class);
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            switch (p) {
                case "tag" -> out.add(TAG);
                case "referrer", "referrers" -> out.add(REFERRER);
                case "both" -> out.addAll(both());
                default -> throw new IllegalArgumentException("'" + part.trim() + "' is not a layout (tag, referrer)");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no layout given (tag, referrer)");
        }
        return out;
    }
}
