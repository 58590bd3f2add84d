package io.jenkins.plugins.integrity.report;

import java.util.Locale;

/** The output formats every command and step can write. */
public enum Format {
    TEXT("txt"), JSON("json"), SARIF("sarif"), HTML("html");

    private final String extension;

    Format(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public ReportRenderer renderer() {
        return switch (this) {
            case TEXT -> new TextRenderer();
            case JSON -> new JsonRenderer();
            case SARIF -> new SarifRenderer();
            case HTML -> new HtmlRenderer();
        };
    }

    public static Format parse(String text) {
        if (text != null) {
            String name = text.trim().toUpperCase(Locale.ROOT);
            for (Format f : values()) {
                if (f.name().equals(name)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "' (expected text, json, sarif or html)");
    }
}
