package io.jenkins.plugins.integrity.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.sbom.Component;
import io.jenkins.plugins.integrity.sbom.SbomGenerator;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulling over the OCI distribution API from Debian's docker-registry on 127.0.0.1: anonymous and basic
 * authentication against the registry itself, bearer tokens through a token service in front of it, a
 * multi-platform index pushed with skopeo --all, and a registry that serves other bytes than it was asked for.
 */
class RegistryPullTest {
    @TempDir
    static Path dir;
    static LocalRegistry open;
    static LocalRegistry basic;
    static TestImage image;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("var/lib/dpkg"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.copy(Path.of("/var/lib/dpkg/status"), rootfs.resolve("var/lib/dpkg/status"));
        Files.copy(Path.of("/etc/os-release"), rootfs.resolve("etc/os-release"));
        image = TestImage.create(dir, "amd").layer(rootfs).config("--config.user", "1000");
        TestImage.create(dir, "arm").layer(rootfs).config("--architecture", "arm64", "--config.user", "1000");
        addMultiPlatformIndex(image.layout(), "multi", "amd", "arm");
        open = LocalRegistry.start(dir.resolve("open"), null, null);
        basic = LocalRegistry.start(dir.resolve("basic"), "ci", "s3cret-pass");
        image.push(open.address() + "/team/app:v1");
        Tools.run(dir, "skopeo", "copy", "-q", "--all", "--dest-tls-verify=false", "oci:" + image.layout() + ":multi",
                "docker://" + open.address() + "/team/multi:v1");
        image.push(basic.address() + "/team/app:v1", "ci", "s3cret-pass");
    }

    @AfterAll
    static void stop() throws Exception {
        open.close();
        basic.close();
    }

    /** Adds to an OCI layout an index tagged {@code tag} over the images tagged amd64 and arm64. */
    static void addMultiPlatformIndex(Path layout, String tag, String amd, String arm) throws Exception {
        ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ObjectNode multi = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = multi.putArray("manifests");
        for (JsonNode d : index.get("manifests")) {
            String t = d.path("annotations").path("org.opencontainers.image.ref.name").asText();
            if (t.equals(amd) || t.equals(arm)) {
                ObjectNode e = JSON.createObjectNode().put("mediaType", d.get("mediaType").asText())
                        .put("digest", d.get("digest").asText()).put("size", d.get("size").asLong());
                e.putObject("platform").put("os", "linux").put("architecture", t.equals(amd) ? "amd64" : "arm64");
                manifests.add(e);
            }
        }
        byte[] bytes = JSON.writeValueAsBytes(multi);
        Digest d = Digest.sha256(bytes);
        Files.write(layout.resolve("blobs/sha256/" + d.hex()), bytes);
        ObjectNode entry = JSON.createObjectNode().put("mediaType", MediaTypes.OCI_INDEX).put("digest", d.toString())
                .put("size", bytes.length);
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        ((ArrayNode) index.get("manifests")).add(entry);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
    }

    static List<String> purls(String ref, ImageSources.Options options) throws Exception {
        try (ImageSource s = ImageSources.open(ImageReference.parse(ref), options)) {
            return new SbomGenerator().fromImage(s, null).sbom().components().stream().map(Component::purl).toList();
        }
    }

    static ResolvedImage resolve(String ref, ImageSources.Options options) throws Exception {
        try (ImageSource s = ImageSources.open(ImageReference.parse(ref), options)) {
            return s.image();
        }
    }

    @Test
    void anonymousPullByTagAndByDigestGivesTheLayoutsComponents() throws Exception {
        List<String> local = purls("oci:" + image.ref(), ImageSources.Options.defaults());
        assertThat(local).hasSizeGreaterThan(50);
        ResolvedImage pulled = resolve(open.address() + "/team/app:v1", ImageSources.Options.defaults());
        assertThat(purls(open.address() + "/team/app:v1", ImageSources.Options.defaults()))
                .containsExactlyInAnyOrderElementsOf(local);
        assertThat(purls(open.address() + "/team/app@" + pulled.manifestDigest(), ImageSources.Options.defaults()))
                .containsExactlyInAnyOrderElementsOf(local);
    }

    @Test
    void aMultiPlatformIndexIsResolvedToThePlatformAskedFor() throws Exception {
        String ref = open.address() + "/team/multi:v1";
        assertThat(resolve(ref, ImageSources.Options.defaults()).config().architecture()).isEqualTo("amd64");
        assertThat(resolve(ref, new ImageSources.Options(Platform.of("linux/arm64"), null, false)).config()
                .architecture()).isEqualTo("arm64");
        assertThat(resolve("oci:" + image.layout() + ":multi", new ImageSources.Options(Platform.of("linux/arm64"),
                null, false)).config().architecture()).isEqualTo("arm64");
        assertThatThrownBy(() -> resolve(ref, new ImageSources.Options(Platform.of("linux/s390x"), null, false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no image for linux/s390x")
                .hasMessageContaining("linux/amd64, linux/arm64");
    }

    @Test
    void basicAuthenticationIsAnsweredWithTheCredentials() throws Exception {
        String ref = basic.address() + "/team/app:v1";
        assertThatThrownBy(() -> resolve(ref, ImageSources.Options.defaults())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("asks for authentication and no credentials were given");
        assertThatThrownBy(() -> resolve(ref, new ImageSources.Options(null, new RegistryCredentials("ci", "wrong"),
                false))).hasMessageContaining("refused the credentials").hasMessageNotContaining("wrong");
        assertThat(purls(ref, new ImageSources.Options(null, new RegistryCredentials("ci", "s3cret-pass"), false)))
                .hasSizeGreaterThan(50);
    }

    @Test
    void aBearerTokenIsFetchedFromTheRealmTheChallengeNames() throws Exception {
        try (TokenProxy proxy = new TokenProxy(open.address(), UnaryOperator.identity())) {
            String ref = proxy.address() + "/team/app:v1";
            assertThatThrownBy(() -> resolve(ref, ImageSources.Options.defaults()))
                    .hasMessageContaining("token service refused anonymous access");
            assertThat(purls(ref, new ImageSources.Options(null, new RegistryCredentials("robot", "tok-pass"), false)))
                    .hasSizeGreaterThan(50);
        }
    }

    @Test
    void aRegistryServingOtherBytesThanTheDigestIsCaught() throws Exception {
        UnaryOperator<byte[]> tamper = b -> {
            byte[] c = b.clone();
            if (c.length > 1000) {
                c[c.length / 2] ^= 1;
            }
            return c;
        };
        try (TokenProxy proxy = new TokenProxy(open.address(), tamper)) {
            String ref = proxy.address() + "/team/app:v1";
            assertThatThrownBy(() -> purls(ref, new ImageSources.Options(null, new RegistryCredentials("robot",
                    "tok-pass"), false))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("does not match");
        }
    }

    @Test
    void anUnknownTagIsNotFound() {
        assertThatThrownBy(() -> resolve(open.address() + "/team/app:nope", ImageSources.Options.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not found");
    }

    /**
     * A token service and a gate in front of the real registry: /v2/ answers 401 with a bearer challenge
     * unless the token is presented; the token is given for the right basic credentials. Blobs pass through
     * {@code blobs}, so that a test can make the registry lie.
     */
    static final class TokenProxy implements AutoCloseable {
        private final HttpServer server;

        TokenProxy(String upstream, UnaryOperator<byte[]> blobs) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            HttpClient http = HttpClient.newHttpClient();
            String expected = "Basic " + Base64.getEncoder().encodeToString("robot:tok-pass".getBytes());
            server.createContext("/token", x -> {
                boolean ok = expected.equals(x.getRequestHeaders().getFirst("Authorization"))
                        && x.getRequestURI().getRawQuery().contains("scope=repository%3Ateam%2Fapp%3Apull");
                byte[] body = ok ? "{\"token\":\"t0k3n\"}".getBytes() : "{}".getBytes();
                x.sendResponseHeaders(ok ? 200 : 401, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            server.createContext("/v2/", x -> {
                if (!"Bearer t0k3n".equals(x.getRequestHeaders().getFirst("Authorization"))) {
                    x.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + address()
                            + "/token\",service=\"test\",scope=\"repository:team/app:pull\"");
                    x.sendResponseHeaders(401, -1);
                    x.close();
                    return;
                }
                try {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + upstream + x.getRequestURI()));
                    String accept = x.getRequestHeaders().getFirst("Accept");
                    if (accept != null) {
                        b.header("Accept", accept);
                    }
                    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                    byte[] body = x.getRequestURI().getPath().contains("/blobs/") ? blobs.apply(r.body()) : r.body();
                    r.headers().firstValue("Content-Type").ifPresent(v -> x.getResponseHeaders().add("Content-Type", v));
                    x.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
                    if (body.length > 0) {
                        x.getResponseBody().write(body);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    x.sendResponseHeaders(500, -1);
                }
                x.close();
            });
            server.start();
        }

        String address() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
