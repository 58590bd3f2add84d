package io.jenkins.plugins.integrity.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The end-to-end Jenkinsfiles, kept as files in src/test/resources/e2e so they read as users write them. */
final class Jenkinsfiles {
    private Jenkinsfiles() {}

    static String load(String name) {
        try (InputStream in = Jenkinsfiles.class.getResourceAsStream("/e2e/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no Jenkinsfile e2e/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
