package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.report.ToolInfo;
import picocli.CommandLine;

/** {@code --version}: this build's version, from the core's filtered properties. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        ToolInfo tool = ToolInfo.current();
        return new String[] {"pipeline-integrity " + tool.version()};
    }
}
