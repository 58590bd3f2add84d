package io.jenkins.plugins.integrity.commits;

import java.time.Instant;
import java.util.Locale;

/** An author or committer line of a commit: name, e-mail address and when. */
public record Person(String name, String email, Instant when) {
    /** The e-mail address as compared with a key's identities: trimmed, lower case. */
    public String normalisedEmail() {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
