package io.jenkins.plugins.integrity.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * The SHA-256 of the workspace's files that the patterns select, and of single named files, computed on the agent
 * where they are; returned as JSON {@code {"relative/path": "hex"}}. Only digests cross the channel.
 */
final class DigestFilesCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final String includes;
    private final java.util.List<String> files;

    DigestFilesCallable(String includes, java.util.List<String> files) {
        this.includes = includes;
        this.files = java.util.List.copyOf(files);
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path base = workspace.toPath().toAbsolutePath().normalize();
        ObjectNode out = new ObjectMapper().createObjectNode();
        if (includes != null) {
            for (FilePath f : SignFilesCallable.select(workspace, includes, "pipeline-integrity/**")) {
                Path p = Path.of(f.getRemote()).toAbsolutePath().normalize();
                out.put(base.relativize(p).toString().replace('\\', '/'), sha256(inside(base, p)));
            }
        }
        for (String name : files) {
            Path p = SecretScanCallable.WorkspacePaths.inside(base, name);
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException(name, "no such file in the workspace");
            }
            out.put(base.relativize(p).toString().replace('\\', '/'), sha256(inside(base, p)));
        }
        return out.toString();
    }

    private static Path inside(Path base, Path p) throws IOException {
        if (!p.toRealPath().startsWith(base.toRealPath())) {
            throw new InvalidInputException(base.relativize(p).toString(), "leads outside the workspace");
        }
        return p;
    }

    private static String sha256(Path p) throws IOException {
        return io.jenkins.plugins.integrity.check.Digests.sha256Hex(p);
    }
}
