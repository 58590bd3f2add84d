package io.jenkins.plugins.integrity.signing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A local Sigstore deployment for tests: sigstore-js's {@code @sigstore/mock} Fulcio and Rekor served on
 * 127.0.0.1 by {@code sigstore-mock.cjs}, with the trusted root that verifies what they issue. Fulcio certifies
 * any identity token's claims without checking its signature, which is what lets tests name the identity.
 */
public final class SigstoreMock implements AutoCloseable {
    private final Process process;
    private final String url;
    private final Path trustedRoot;

    private SigstoreMock(Process process, String url, Path trustedRoot) {
        this.process = process;
        this.url = url;
        this.trustedRoot = trustedRoot;
    }

    /** Starts the deployment; its trusted root is written into {@code dir}. */
    public static SigstoreMock start(Path dir) throws IOException {
        Path script = dir.resolve("sigstore-mock.cjs");
        copy("sigstore-mock.cjs", script);
        Path root = dir.resolve("trusted_root.json");
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), root.toString()).redirectErrorStream(true);
        pb.environment().put("NODE_PATH", nodeModules().toString());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            p.destroyForcibly();
            throw new IOException("the Sigstore mock did not start: " + line);
        }
        return new SigstoreMock(p, "http://127.0.0.1:" + line.substring("listening ".length()).strip(), root);
    }

    static void copy(String resource, Path to) throws IOException {
        try (var in = SigstoreMock.class.getResourceAsStream(resource)) {
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static Path nodeModules() {
        String p = System.getProperty("sigstore.node.modules");
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache/pipeline-integrity/npm/node_modules");
    }

    /** Runs a sigstore-js script (a resource beside this class, copied into dir) with node: exit code and output. */
    public static String[] node(Path dir, String script, String... args) throws IOException, InterruptedException {
        Path s = dir.resolve(script);
        if (!Files.exists(s)) {
            copy(script, s);
        }
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("node", s.toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("NODE_PATH", nodeModules().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return new String[] {String.valueOf(p.exitValue()), out};
    }

    /** The base URL of both Fulcio and Rekor. */
    public String url() {
        return url;
    }

    public Path trustedRoot() {
        return trustedRoot;
    }

    /**
     * An identity token (unsigned: the mock does not check) for this subject, from this issuer. The subject is a
     * URI, as a Jenkins job's workload identity is (the mock writes every subject as a URI name).
     */
    public static String token(String subject, String issuer) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject
                + "\",\"aud\":\"sigstore\",\"exp\":4102444800}";
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
