package io.jenkins.plugins.integrity.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A Sigstore service (Fulcio, Rekor) at a base URL: JSON posted, JSON answered, bounded in size and time.
 * HTTPS, except to a loopback address (a local or test deployment): an identity token never travels in clear.
 * Error messages name the service and the HTTP status, never the request (which may hold a token).
 */
final class SigstoreService {
    private static final int MAX_ANSWER = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String name;
    private final URI base;
    private final HttpClient http;

    /** @throws IllegalArgumentException when the URL is not https (or http to loopback) */
    SigstoreService(String name, String baseUrl) {
        URI u;
        try {
            u = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + name + " URL is not a URL");
        }
        String host = u.getHost() == null ? "" : u.getHost();
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if (!"https".equals(u.getScheme()) && !("http".equals(u.getScheme()) && loopback)) {
            throw new IllegalArgumentException("the " + name + " URL must be https:// (http:// only to loopback)");
        }
        this.name = name;
        this.base = u;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    String name() {
        return name;
    }

    /** Posts {@code body} to {@code path}; @throws IOException naming the service and status when it fails */
    JsonNode post(String path, JsonNode body) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<InputStream> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + " (" + base + ") was interrupted");
        } catch (IOException e) {
            throw new IOException(name + " (" + base + ") cannot be reached: " + e.getClass().getSimpleName());
        }
        byte[] answer;
        try (InputStream in = res.body()) {
            answer = in.readNBytes(MAX_ANSWER + 1);
        }
        if (res.statusCode() / 100 != 2) {
            throw new IOException(name + " (" + base + path + ") refused the request: HTTP " + res.statusCode());
        }
        if (answer.length > MAX_ANSWER) {
            throw new IOException(name + " answered more than " + (MAX_ANSWER >> 20) + " MiB");
        }
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new IOException(name + " answered something that is not JSON");
        }
    }
}
