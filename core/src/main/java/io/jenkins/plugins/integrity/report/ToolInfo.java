package io.jenkins.plugins.integrity.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The name, version and home page of this tool, as written into every report. */
public record ToolInfo(String name, String version, String informationUri) {
    public static final String NAME = "Pipeline Integrity";
    public static final String URI = "https://github.com/jenkinsci/pipeline-integrity-plugin";

    /** This build's identity, read from the properties Maven filtered at build time. */
    public static ToolInfo current() {
        Properties p = new Properties();
        try (InputStream in = ToolInfo.class.getResourceAsStream("tool.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ToolInfo(NAME, p.getProperty("version", "unknown"), URI);
    }
}
