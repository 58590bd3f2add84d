package io.jenkins.plugins.integrity.drift;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A copy of the fixture JENKINS_HOME (written by a real Jenkins 2.516.2, see make-jenkins-home.sh) that a test
 * changes the way Jenkins would write the change.
 */
final class JenkinsHome {
    static final Path FIXTURE = Path.of("src/test/resources/io/jenkins/plugins/integrity/drift/jenkins-home");
    final Path dir;

    private JenkinsHome(Path dir) {
        this.dir = dir;
    }

    static JenkinsHome copy(Path to) throws IOException {
        try (Stream<Path> s = Files.walk(FIXTURE)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(FIXTURE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return new JenkinsHome(to);
    }

    /** Replaces text in a file of the home; fails when the text is not there. */
    JenkinsHome replace(String file, String from, String to) throws IOException {
        Path p = dir.resolve(file);
        String s = Files.readString(p, StandardCharsets.UTF_8);
        if (!s.contains(from)) {
            throw new IllegalStateException(file + " does not contain " + from);
        }
        Files.writeString(p, s.replace(from, to), StandardCharsets.UTF_8);
        return this;
    }

    JenkinsHome write(String file, String content) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return this;
    }

    JenkinsHome delete(String file) throws IOException {
        Files.delete(dir.resolve(file));
        return this;
    }

    ControllerSnapshot snapshot() {
        return new JenkinsHomeReader().read(dir);
    }
}
