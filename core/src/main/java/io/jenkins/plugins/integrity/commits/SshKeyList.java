package io.jenkins.plugins.integrity.commits;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * SSH public keys one per line, as {@code authorized_keys} or a {@code .pub} file holds them
 * ({@code keytype base64 [comment]}): git's {@code gpg.ssh.revocationFile} in its plain-text form.
 */
public final class SshKeyList {
    private final List<SshKey> keys;

    private SshKeyList(List<SshKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public static SshKeyList none() {
        return new SshKeyList(List.of());
    }

    public static SshKeyList read(byte[] content, String name) {
        List<SshKey> keys = new ArrayList<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            try {
                if (parts.length < 2) {
                    throw new IllegalArgumentException("expected 'keytype base64 [comment]'");
                }
                keys.add(SshKey.fromBlob(Base64.getDecoder().decode(parts[1])));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new InvalidInputException(name, "line " + (i + 1) + ": not an SSH public key (" + e.getMessage()
                        + ")");
            }
        }
        return new SshKeyList(keys);
    }

    public SshKeyList and(SshKeyList more) {
        List<SshKey> all = new ArrayList<>(keys);
        all.addAll(more.keys);
        return new SshKeyList(all);
    }

    List<SshKey> keys() {
        return keys;
    }

    public int size() {
        return keys.size();
    }
}
