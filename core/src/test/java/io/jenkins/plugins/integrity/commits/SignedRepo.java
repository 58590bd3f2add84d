package io.jenkins.plugins.integrity.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A git repository whose commits are signed by the real tools: {@code git}, {@code gpg} (with its own
 * GNUPGHOME) and {@code ssh-keygen}. Times can be set for the commit ({@code GIT_COMMITTER_DATE}) and for
 * gpg ({@code --faked-system-time}), so that keys can be made, used and expired in the past.
 */
final class SignedRepo implements AutoCloseable {
    final Path root;
    final Path repo;
    final Path gnupg;
    private final Path gpgWrapper;
    private String gpgTime; // gpg's faked system time for the next signature, or null

    SignedRepo(Path root) throws Exception {
        this.root = root;
        this.repo = Files.createDirectories(root.resolve("repo"));
        this.gnupg = Files.createDirectories(root.resolve("gnupg"));
        gnupg.toFile().setReadable(false, false);
        gnupg.toFile().setReadable(true, true);
        gnupg.toFile().setExecutable(false, false);
        gnupg.toFile().setExecutable(true, true);
        gpgWrapper = root.resolve("gpg.sh");
        Files.writeString(gpgWrapper, "#!/bin/sh\nexec gpg --batch --pinentry-mode loopback --passphrase '' "
                + "${GPG_FAKED_TIME:+--faked-system-time $GPG_FAKED_TIME} \"$@\"\n");
        gpgWrapper.toFile().setExecutable(true);
        git("init", "-q", "-b", "main", ".");
        git("config", "user.name", "Alice");
        git("config", "user.email", "alice@example.com");
        git("config", "commit.gpgsign", "false");
    }

    /** Makes an OpenPGP key; returns its fingerprint. {@code expire} as gpg takes it: "never", "1y", "1d". */
    String gpgKey(String uid, String algo, String expire) throws Exception {
        gpg("--quick-gen-key", uid, algo, "sign", expire);
        return fingerprint(uid);
    }

    /** Adds a signing subkey to a key; returns the subkey's fingerprint. */
    String gpgSigningSubkey(String primary, String algo) throws Exception {
        gpg("--quick-add-key", primary, algo, "sign", "never");
        String out = gpg("--with-colons", "--list-keys", primary);
        String last = null;
        boolean inSub = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("sub:")) {
                inSub = true;
            } else if (line.startsWith("fpr:") && inSub) {
                last = line.split(":")[9];
                inSub = false;
            }
        }
        return last;
    }

    String fingerprint(String uid) throws Exception {
        for (String line : gpg("--with-colons", "--list-keys", uid).split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new IllegalStateException("no key for " + uid);
    }

    /** Revokes a key with the revocation certificate gpg made for it. */
    void revoke(String fingerprint) throws Exception {
        Path rev = gnupg.resolve("openpgp-revocs.d").resolve(fingerprint + ".rev");
        String cert = Files.readString(rev).replace(":-----BEGIN", "-----BEGIN");
        Path fixed = root.resolve(fingerprint + ".rev");
        Files.writeString(fixed, cert);
        gpg("--import", fixed.toString());
    }

    byte[] exportPublic(String... fingerprints) throws Exception {
        List<String> args = new ArrayList<>(List.of("--armor", "--export"));
        args.addAll(List.of(fingerprints));
        return gpg(args.toArray(String[]::new)).getBytes(StandardCharsets.UTF_8);
    }

    /** Makes an SSH key pair; returns the private key's path (the public key is beside it, .pub). */
    Path sshKey(String name, String type) throws Exception {
        Path key = root.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f",
                key.toString()));
        if (type.equals("ecdsa")) {
            cmd.addAll(List.of("-b", "256"));
        } else if (type.equals("rsa")) {
            cmd.addAll(List.of("-b", "2048"));
        }
        run(root, Map.of(), cmd.toArray(String[]::new));
        return key;
    }

    /** Certifies an SSH user key with a CA key (ssh-keygen -s); returns the certificate's path. */
    Path sshCertificate(Path ca, Path userKey, String principals, String validity) throws Exception {
        run(root, Map.of(), "ssh-keygen", "-q", "-s", ca.toString(), "-I", userKey.getFileName() + "-cert", "-n",
                principals, "-V", validity, userKey + ".pub");
        return Path.of(userKey + "-cert.pub");
    }

    String publicKey(Path sshKey) throws IOException {
        return Files.readString(Path.of(sshKey + ".pub")).strip();
    }

    void gpgTime(String fakedTime) {
        this.gpgTime = fakedTime;
    }

    /** A commit of one file; {@code how}: null (unsigned), "gpg:FPR" or "ssh:PATH". Returns its id. */
    String commit(String file, String content, String how, String email, String date) throws Exception {
        Path f = repo.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        git("add", file);
        List<String> cmd = new ArrayList<>();
        if (how != null && how.startsWith("gpg:")) {
            cmd.addAll(List.of("-c", "gpg.program=" + gpgWrapper, "-c", "user.signingkey=" + how.substring(4)));
        } else if (how != null && how.startsWith("ssh:")) {
            cmd.addAll(List.of("-c", "gpg.format=ssh", "-c", "user.signingkey=" + how.substring(4)));
        }
        cmd.addAll(List.of("commit", "-q", "-m", "change " + file));
        if (how != null) {
            cmd.add("-S");
        }
        Map<String, String> env = new HashMap<>();
        if (email != null) {
            env.put("GIT_COMMITTER_EMAIL", email);
            env.put("GIT_AUTHOR_EMAIL", email);
        }
        if (date != null) {
            env.put("GIT_COMMITTER_DATE", date);
            env.put("GIT_AUTHOR_DATE", date);
        }
        git(env, cmd.toArray(String[]::new));
        return git("rev-parse", "HEAD").strip();
    }

    /** Writes a commit object from raw text and moves HEAD to it; returns its id. */
    String writeRaw(String raw) throws Exception {
        Path tmp = root.resolve("raw-commit");
        Files.writeString(tmp, raw);
        String id = git("hash-object", "-t", "commit", "-w", tmp.toString()).strip();
        git("update-ref", "HEAD", id);
        return id;
    }

    String raw(String id) throws Exception {
        return git("cat-file", "commit", id);
    }

    /** git verify-commit's verdict (true: good), with these trusted keys and allowed signers. */
    boolean gitVerifies(String id, Path allowedSigners) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "gpg.program=" + gpgWrapper));
        if (allowedSigners != null) {
            cmd.addAll(List.of("-c", "gpg.ssh.allowedSignersFile=" + allowedSigners));
        }
        cmd.addAll(List.of("verify-commit", id));
        return exit(repo, Map.of(), cmd.toArray(String[]::new)) == 0;
    }

    String git(String... args) throws Exception {
        return git(Map.of(), args);
    }

    String git(Map<String, String> env, String... args) throws Exception {
        String[] cmd = Stream.concat(Stream.of("git"), Stream.of(args)).toArray(String[]::new);
        return run(repo, env, cmd);
    }

    String gpg(String... args) throws Exception {
        String[] cmd = Stream.concat(Stream.of(gpgWrapper.toString()), Stream.of(args)).toArray(String[]::new);
        return run(root, Map.of(), cmd);
    }

    private String run(Path dir, Map<String, String> env, String... cmd) throws Exception {
        Process p = start(dir, env, cmd);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }

    private int exit(Path dir, Map<String, String> env, String... cmd) throws Exception {
        Process p = start(dir, env, cmd);
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private Process start(Path dir, Map<String, String> env, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GNUPGHOME", gnupg.toString());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", root.toString());
        if (gpgTime != null) {
            pb.environment().put("GPG_FAKED_TIME", gpgTime);
        }
        pb.environment().putAll(env);
        return pb.start();
    }

    @Override
    public void close() throws Exception {
        try {
            start(root, Map.of(), "gpgconf", "--kill", "all").waitFor(30, TimeUnit.SECONDS);
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
