package io.jenkins.plugins.integrity.secrets;

import java.nio.file.Path;

/** A regular file to scan, with the path that findings report. */
public record ScanTarget(Path file, String reportedPath) {}
