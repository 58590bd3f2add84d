package io.jenkins.plugins.integrity.oci;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Debian's docker-registry (the CNCF distribution registry) started on 127.0.0.1 by the test, with filesystem
 * storage in a temporary directory, anonymous or behind htpasswd basic authentication.
 */
public final class LocalRegistry implements AutoCloseable {
    private final Process process;
    private final int port;

    private LocalRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param user with a password, puts the registry behind basic authentication; null for anonymous access */
    public static LocalRegistry start(Path dir, String user, String password) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("storage"));
        StringBuilder config = new StringBuilder("version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n"
                + "    rootdirectory: " + dir.resolve("storage") + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:"
                + port + "\n");
        if (user != null) {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            Files.writeString(dir.resolve("htpasswd"), user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(),
                    salt, 6) + "\n");
            config.append("auth:\n  htpasswd:\n    realm: test-realm\n    path: ").append(dir.resolve("htpasswd"))
                    .append('\n');
        }
        Files.writeString(dir.resolve("config.yml"), config.toString());
        Process p = new ProcessBuilder("/usr/bin/docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry r = new LocalRegistry(p, port);
        r.awaitReady(dir);
        return r;
    }

    private void awaitReady(Path dir) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log"),
                        StandardCharsets.UTF_8));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || r.statusCode() == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("docker-registry did not start within 30 s");
    }

    /** host:port */
    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
