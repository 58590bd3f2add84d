package io.jenkins.plugins.integrity.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client for one registry over the OCI distribution API, https://github.com/opencontainers/distribution-spec:
 * manifests and blobs are pulled, with anonymous, basic or bearer-token authentication (the registry's
 * {@code WWW-Authenticate} challenge says which). HTTPS always, except to a loopback address or when the
 * caller asks for plain HTTP. Credentials are never sent in clear to anything but loopback.
 */
public final class RegistryClient {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private final String host;
    private final String base;
    private final boolean loopback;
    private final RegistryCredentials credentials;
    private final HttpClient http;
    /** The Authorization header that worked, by scope; one client serves one job, so this is not shared. */
    private final Map<String, String> authorizations = new HashMap<>();

    /** A fetched manifest or index: its bytes, the media type it was served as, and its digest. */
    public record Fetched(byte[] bytes, String mediaType, Digest digest) {}

    /**
     * @param registry the host (and port) as in an image reference; {@code docker.io} is Docker Hub
     * @param credentials null for anonymous access
     * @param plainHttp use http:// even to a host that is not loopback
     */
    public RegistryClient(String registry, RegistryCredentials credentials, boolean plainHttp) {
        this.host = registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
        String h = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
        this.loopback = h.equals("localhost") || h.equals("127.0.0.1") || h.startsWith("127.") || h.equals("[::1]");
        this.base = (plainHttp || loopback ? "http://" : "https://") + host;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Fetches a manifest or index by tag or digest; one fetched by digest is checked against it. */
    public Fetched manifest(String repository, String reference) throws IOException {
        String what = host + "/" + repository + (reference.contains(":") ? "@" : ":") + reference;
        HttpResponse<InputStream> r = get("/v2/" + repository + "/manifests/" + reference, repository,
                MediaTypes.ACCEPT);
        try (InputStream in = r.body()) {
            expectOk(r, what);
            byte[] bytes = Manifests.readSmall(in, what);
            Digest digest;
            if (reference.contains(":")) {
                digest = Digest.parse(reference);
                if (!digest.matches(bytes)) {
                    throw new VerifyingInputStream.IntegrityException(what + ": the registry served a manifest that "
                            + "does not match the digest asked for");
                }
            } else {
                digest = Digest.sha256(bytes);
            }
            return new Fetched(bytes, r.headers().firstValue("Content-Type").orElse(null), digest);
        }
    }

    /** Opens a blob; the caller verifies its digest as it reads. */
    public InputStream blob(String repository, Digest digest) throws IOException {
        HttpResponse<InputStream> r = get("/v2/" + repository + "/blobs/" + digest, repository, "*/*");
        try {
            expectOk(r, host + "/" + repository + "@" + digest);
        } catch (IOException e) {
            r.body().close();
            throw e;
        }
        return r.body();
    }

    /** Opens what an index or manifest names: a manifest from the manifests endpoint, anything else as a blob. */
    InputStream blobOrManifest(String repository, Descriptor d) throws IOException {
        if (d.mediaType() != null && (MediaTypes.INDEXES.contains(d.mediaType())
                || MediaTypes.MANIFESTS.contains(d.mediaType()))) {
            return new java.io.ByteArrayInputStream(manifest(repository, d.digest().toString()).bytes());
        }
        return blob(repository, d.digest());
    }

    private HttpResponse<InputStream> get(String path, String repository, String accept) throws IOException {
        return exchange(URI.create(base + path), "GET", null, null, accept, repository, "pull");
    }

    /**
     * One request, answering an authentication challenge once: the same request is sent again with the
     * Authorization header the challenge asks for (basic, or a bearer token for {@code repository:REPO:ACTIONS}).
     */
    private HttpResponse<InputStream> exchange(URI uri, String method, byte[] body, String contentType, String accept,
            String repository, String actions) throws IOException {
        String scope = "repository:" + repository + ":" + actions;
        HttpResponse<InputStream> r = send(uri, method, body, contentType, accept, authorizations.get(scope));
        if (r.statusCode() == 401) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            r.body().close();
            String authorization = authorize(challenge, scope);
            if (authorization == null) {
                throw new IOException(host + ": the registry asks for authentication" + (credentials == null
                        ? " and no credentials were given" : " and refused the credentials"));
            }
            authorizations.put(scope, authorization);
            r = send(uri, method, body, contentType, accept, authorization);
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                r.body().close();
                throw new IOException(host + ": the registry refused the credentials for " + repository
                        + " (HTTP " + r.statusCode() + ")");
            }
        }
        return r;
    }

    private HttpResponse<InputStream> send(URI uri, String method, byte[] body, String contentType, String accept,
            String authorization) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).header("Accept", accept)
                .header("User-Agent", "pipeline-integrity")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(host + ": interrupted", e);
        } catch (java.net.ConnectException e) {
            throw new IOException(host + ": cannot connect to the registry at " + base);
        }
    }

    /** Uploads a blob (monolithically: one POST, one PUT), unless the registry has it already. */
    public Digest pushBlob(String repository, byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        HttpResponse<InputStream> head = exchange(URI.create(base + "/v2/" + repository + "/blobs/" + digest), "HEAD",
                null, null, "*/*", repository, "pull,push");
        head.body().close();
        if (head.statusCode() == 200) {
            return digest;
        }
        HttpResponse<InputStream> start = exchange(URI.create(base + "/v2/" + repository + "/blobs/uploads/"), "POST",
                new byte[0], null, "*/*", repository, "pull,push");
        start.body().close();
        String location = start.headers().firstValue("Location").orElse(null);
        if (start.statusCode() != 202 || location == null) {
            throw new IOException(host + "/" + repository + ": the registry did not start an upload (HTTP "
                    + start.statusCode() + ")");
        }
        URI upload = URI.create(base + "/").resolve(location);
        String sep = upload.getRawQuery() == null ? "?" : "&";
        HttpResponse<InputStream> put = exchange(URI.create(upload + sep + "digest=" + digest), "PUT", content,
                "application/octet-stream", "*/*", repository, "pull,push");
        put.body().close();
        if (put.statusCode() != 201) {
            throw new IOException(host + "/" + repository + ": the registry refused the blob " + digest + " (HTTP "
                    + put.statusCode() + ")");
        }
        return digest;
    }

    /** Puts a manifest under a tag or its digest; returns its digest. */
    public Digest pushManifest(String repository, String reference, byte[] manifest, String mediaType) throws IOException {
        putManifest(repository, reference, manifest, mediaType);
        return Digest.sha256(manifest);
    }

    /**
     * Puts a manifest with a {@code subject} under its digest; returns whether the registry said it took the subject
     * into its referrers API (the {@code OCI-Subject} header, distribution-spec 1.1), else the caller keeps the
     * referrers tag itself.
     */
    public boolean pushReferrer(String repository, byte[] manifest, String mediaType) throws IOException {
        return putManifest(repository, Digest.sha256(manifest).toString(), manifest, mediaType).headers()
                .firstValue("OCI-Subject").isPresent();
    }

    private HttpResponse<InputStream> putManifest(String repository, String reference, byte[] manifest, String mediaType)
            throws IOException {
        HttpResponse<InputStream> r = exchange(URI.create(base + "/v2/" + repository + "/manifests/" + reference), "PUT",
                manifest, mediaType, "*/*", repository, "pull,push");
        r.body().close();
        if (r.statusCode() != 201) {
            throw new IOException(host + "/" + repository + ":" + reference + ": the registry refused the manifest (HTTP "
                    + r.statusCode() + ")");
        }
        return r;
    }

    /**
     * The referrers index of a manifest from the referrers API ({@code GET /v2/REPO/referrers/DIGEST}), or null
     * when the registry has no such API (404), where the referrers tag is to be read instead.
     */
    public byte[] referrers(String repository, Digest subject) throws IOException {
        String what = host + "/" + repository + "@" + subject + " referrers";
        HttpResponse<InputStream> r = get("/v2/" + repository + "/referrers/" + subject, repository, MediaTypes.OCI_INDEX);
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                return null;
            }
            expectOk(r, what);
            return Manifests.readSmall(in, what);
        }
    }

    /** A manifest by tag or digest, or null when the registry has none (404). */
    public Fetched manifestIfPresent(String repository, String reference) throws IOException {
        try {
            return manifest(repository, reference);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().endsWith("not found in the registry")) {
                return null;
            }
            throw e;
        }
    }

    /** The Authorization header that answers a challenge, or null when there is nothing to answer with. */
    private String authorize(String challenge, String scope) throws IOException {
        String scheme = challenge.trim().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (scheme.equals("basic")) {
            return credentials == null ? null : basic();
        }
        if (!scheme.equals("bearer")) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new IOException(host + ": the registry's bearer challenge names no token realm");
        }
        URI realmUri = URI.create(realm);
        boolean realmLoopback = realmUri.getHost() != null && (realmUri.getHost().equals("localhost")
                || realmUri.getHost().startsWith("127.") || realmUri.getHost().equals("[::1]"));
        if (credentials != null && !"https".equals(realmUri.getScheme()) && !realmLoopback) {
            throw new IOException(host + ": the token realm " + realm + " is not HTTPS; credentials are not sent "
                    + "there");
        }
        StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
        if (params.containsKey("service")) {
            q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
        }
        q.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", scope), StandardCharsets.UTF_8));
        HttpResponse<InputStream> r = send(URI.create(q.toString()), "GET", null, null, "application/json",
                credentials == null ? null : basic());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException(host + ": the token service refused "
                        + (credentials == null ? "anonymous access" : "the credentials") + " (HTTP " + r.statusCode() + ")");
            }
            JsonNode token = Manifests.json(Manifests.readSmall(in, "token response"), "the token response");
            String t = token.path("token").asText(token.path("access_token").asText(""));
            if (t.isEmpty()) {
                throw new IOException(host + ": the token service returned no token");
            }
            return "Bearer " + t;
        }
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.secret())
                .getBytes(StandardCharsets.UTF_8));
    }

    private void expectOk(HttpResponse<?> r, String what) throws IOException {
        int s = r.statusCode();
        if (s == 200) {
            return;
        }
        throw new IOException(what + (s == 404 ? ": not found in the registry" : ": the registry answered HTTP " + s));
    }
}
