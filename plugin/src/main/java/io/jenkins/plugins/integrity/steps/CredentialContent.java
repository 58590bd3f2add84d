package io.jenkins.plugins.integrity.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * What the build's credentials hold, each use tracked: the text of a file or secret-text credential (a PEM key, a
 * passphrase), and the login of a username/password credential (a registry's).
 */
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

    /**
     * The content of a file or secret-text credential of the controller's own store, as the administrator
     * configured it (not a build's): trust material that no Jenkinsfile chooses.
     * @param source how the error names it
     */
    static byte[] system(String id, String source) throws IOException {
        for (StandardCredentials c : CredentialsProvider.lookupCredentialsInItemGroup(StandardCredentials.class,
                jenkins.model.Jenkins.get(), hudson.security.ACL.SYSTEM2, java.util.List.of())) {
            if (!id.equals(c.getId())) {
                continue;
            }
            if (c instanceof FileCredentials file) {
                try (InputStream in = file.getContent()) {
                    return in.readAllBytes();
                }
            }
            if (c instanceof StringCredentials text) {
                return text.getSecret().getPlainText().getBytes(StandardCharsets.UTF_8);
            }
            throw new io.jenkins.plugins.integrity.check.InvalidInputException(source,
                    "is neither a file nor a secret-text credential");
        }
        throw new io.jenkins.plugins.integrity.check.InvalidInputException(source, "no such credential on the controller");
    }

    /**
     * The controller's file and secret-text credentials an administrator may choose for a global setting (only the
     * current value for anyone else).
     */
    static hudson.util.ListBoxModel systemFileOrTextItems(String current) {
        com.cloudbees.plugins.credentials.common.StandardListBoxModel items =
                new com.cloudbees.plugins.credentials.common.StandardListBoxModel();
        if (!jenkins.model.Jenkins.get().hasPermission(jenkins.model.Jenkins.ADMINISTER)) {
            return items.includeCurrentValue(current);
        }
        items.includeEmptyValue();
        items.includeAs(hudson.security.ACL.SYSTEM2, jenkins.model.Jenkins.get(), FileCredentials.class,
                java.util.List.of());
        items.includeAs(hudson.security.ACL.SYSTEM2, jenkins.model.Jenkins.get(), StringCredentials.class,
                java.util.List.of());
        return items.includeCurrentValue(current);
    }

    /** The registry user and password of a username/password credential, or nulls. */
    /** The contents of the credentials a comma-separated list of ids names, in order. */
    static List<String> readAll(Run<?, ?> run, String ids, String parameter, String step) throws IOException {
        List<String> out = new ArrayList<>();
        for (String id : CommaSeparated.list(ids)) {
            out.add(read(run, id, parameter, step));
        }
        return out;
    }

    static String[] registryLogin(Run<?, ?> run, String id, String step) throws AbortException {
        if (id == null) {
            return new String[2];
        }
        StandardUsernamePasswordCredentials c = CredentialsProvider.findCredentialById(id,
                StandardUsernamePasswordCredentials.class, run);
        if (c == null) {
            throw new AbortException(step + ": no username/password credential with id '" + id + "'");
        }
        CredentialsProvider.track(run, c);
        return new String[] {c.getUsername(), c.getPassword().getPlainText()};
    }

}
