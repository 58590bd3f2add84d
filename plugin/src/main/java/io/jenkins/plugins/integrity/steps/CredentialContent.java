package io.jenkins.plugins.integrity.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.model.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** The text of a file or secret-text credential the build may use (a PEM key, a passphrase), its use tracked. */
final class CredentialContent {
    private CredentialContent() {}

    /** @param what how the step names the parameter, for the error */
    static String read(Run<?, ?> run, String id, String what, String step) throws IOException {
        StandardCredentials c = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
        if (c == null) {
            throw new AbortException(step + ": no credential with id '" + id + "' (" + what + ")");
        }
        CredentialsProvider.track(run, c);
        if (c instanceof FileCredentials file) {
            try (InputStream in = file.getContent()) {
                return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            }
        }
        if (c instanceof StringCredentials text) {
            return text.getSecret().getPlainText();
        }
        throw new AbortException(step + ": the credential '" + id + "' (" + what + ") is neither a secret file nor"
                + " secret text");
    }
}
