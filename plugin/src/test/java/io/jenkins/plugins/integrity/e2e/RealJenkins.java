package io.jenkins.plugins.integrity.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Jenkins, as a user runs it: {@code java -jar jenkins.war} on 127.0.0.1 and a free port, a throwaway
 * JENKINS_HOME with the Pipeline plugins and our packaged .hpi in its {@code plugins/} folder, the setup
 * wizard off. It is driven over HTTP only (REST API with a CSRF crumb), like any client.
 */
final class RealJenkins implements AutoCloseable {
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Path war;
    private final HttpClient http;
    private Process process;
    private Path log;
    private URI url;
    private String crumbField;
    private String crumb;
    /** The Authorization header once {@link #logIn} was called, else null (anonymous). */
    private String authorization;

    private RealJenkins(Path home, Path war) {
        this.home = home;
        this.war = war;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A Jenkins with the Pipeline plugins and our packaged .hpi in its plugins folder. */
    static RealJenkins start() throws Exception {
        return start(true);
    }

    /** A Jenkins with the Pipeline plugins, and ours only if {@code withOurPlugin}. */
    static RealJenkins start(boolean withOurPlugin) throws Exception {
        Path plugins = Path.of(required("e2e.plugins"));
        Path work = Files.createDirectories(Path.of(required("e2e.work")));
        Path home = Files.createTempDirectory(work, "jenkins-home-");
        Path pluginDir = Files.createDirectories(home.resolve("plugins"));
        try (Stream<Path> jpis = Files.list(plugins)) {
            for (Path jpi : jpis.filter(p -> p.toString().endsWith(".jpi")).toList()) {
                Files.copy(jpi, pluginDir.resolve(jpi.getFileName()));
            }
        }
        if (withOurPlugin) {
            Files.copy(ourHpi(), pluginDir.resolve("pipeline-integrity.jpi"), StandardCopyOption.REPLACE_EXISTING);
        }
        RealJenkins jenkins = new RealJenkins(home, Path.of(required("e2e.war")));
        jenkins.boot();
        return jenkins;
    }

    static Path ourHpi() {
        return Path.of(required("e2e.hpi"));
    }

    private void boot() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        log = home.resolve("jenkins-" + port + ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.awt.headless=true",
                "-Djenkins.install.runSetupWizard=false",
                "-Dhudson.model.UpdateCenter.never=true", "-Dhudson.model.DownloadService.never=true",
                "-jar", war.toString(),
                "--httpListenAddress=127.0.0.1", "--httpPort=" + port, "--webroot=" + home.resolve("war")))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(home.toFile());
        pb.environment().put("JENKINS_HOME", home.toString());
        process = pb.start();
        url = URI.create("http://127.0.0.1:" + port + "/");
        try {
            awaitReady();
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    /** Stops this Jenkins and starts it again on the same JENKINS_HOME (and a new port). */
    void restart() throws Exception {
        close();
        boot();
    }

    /** Installs a plugin as an administrator does with Manage Jenkins, Plugins, Deploy Plugin. */
    void uploadPlugin(Path hpi) throws IOException, InterruptedException {
        String boundary = "----pipeline-integrity-e2e-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"; filename=\""
                + hpi.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"pluginUrl\"\r\n\r\n\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(url.resolve("pluginManager/uploadPlugin"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header(crumbField, crumb)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, Files.readAllBytes(hpi), tail)))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302 && r.statusCode() != 200) {
            throw new AssertionError("uploadPlugin answered " + r.statusCode() + ":\n" + r.body());
        }
    }

    /** Waits until a plugin is installed and active (a dynamic load happens in the background). */
    JsonNode awaitActivePlugin(String shortName) throws Exception {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode plugin = plugin(shortName);
            if (plugin != null && plugin.path("active").asBoolean()) {
                return plugin;
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError(shortName + " did not become active within " + BOOT_TIMEOUT + "\n" + logTail());
    }

    /** The plugin manager's entry for a plugin, or null. */
    JsonNode plugin(String shortName) throws IOException, InterruptedException {
        for (JsonNode p : getJson("pluginManager/api/json?depth=1").path("plugins")) {
            if (p.path("shortName").asText().equals(shortName)) {
                return p;
            }
        }
        return null;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through mvn verify)");
        }
        return value;
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Jenkins exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("Jenkins is fully up and running")) {
                HttpResponse<String> r = get("api/json");
                if (r.statusCode() == 200) {
                    JsonNode crumbJson = JSON.readTree(get("crumbIssuer/api/json").body());
                    crumbField = crumbJson.path("crumbRequestField").asText();
                    crumb = crumbJson.path("crumb").asText();
                    return;
                }
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("Jenkins did not come up within " + BOOT_TIMEOUT + ":\n" + logTail());
    }

    URI url() {
        return url;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The bytes at the path (an archived artifact, say), or an error when the answer is not 200. */
    byte[] getBytes(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
        return r.body();
    }

    /**
     * From now on, every request is made as this user of Jenkins' own user database (HTTP basic authentication),
     * with a crumb issued for that user.
     */
    void logIn(String user, String password) throws IOException, InterruptedException {
        authorization = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = get("crumbIssuer/api/json");
        if (r.statusCode() != 200) {
            throw new AssertionError("logging in as " + user + ": crumbIssuer answered " + r.statusCode());
        }
        JsonNode crumbJson = JSON.readTree(r.body());
        crumbField = crumbJson.path("crumbRequestField").asText();
        crumb = crumbJson.path("crumb").asText();
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ":\n" + r.body());
        }
        return JSON.readTree(r.body());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (crumbField != null && !crumbField.isEmpty()) {
            b.header(crumbField, crumb);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a Pipeline job whose definition is the given Jenkinsfile (Groovy sandbox on). */
    void createPipelineJob(String name, String jenkinsfile) throws IOException, InterruptedException {
        String xml = "<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition plugin=\"workflow-job\">\n"
                + "  <definition class=\"org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition\" plugin=\"workflow-cps\">\n"
                + "    <script>" + xmlEscape(jenkinsfile) + "</script>\n    <sandbox>true</sandbox>\n"
                + "  </definition>\n</flow-definition>\n";
        HttpResponse<String> r = post("createItem?name=" + name, "application/xml", xml);
        if (r.statusCode() != 200) {
            throw new AssertionError("createItem " + name + " answered " + r.statusCode() + ":\n" + r.body());
        }
    }

    /** Runs the job's next build to its end and returns its number and result. */
    Build build(String job) throws IOException, InterruptedException {
        int number = getJson("job/" + job + "/api/json").path("nextBuildNumber").asInt();
        HttpResponse<String> r = post("job/" + job + "/build?delay=0sec", "application/x-www-form-urlencoded", "");
        if (r.statusCode() != 201) {
            throw new AssertionError("build " + job + " answered " + r.statusCode() + ":\n" + r.body());
        }
        Instant deadline = Instant.now().plus(BUILD_TIMEOUT);
        String path = "job/" + job + "/" + number + "/";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> b = get(path + "api/json");
            if (b.statusCode() == 200) {
                JsonNode build = JSON.readTree(b.body());
                if (!build.path("building").asBoolean(true) && !build.path("result").isNull()) {
                    return new Build(job, number, build.path("result").asText(), get(path + "consoleText").body());
                }
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("build " + path + " did not finish within " + BUILD_TIMEOUT + "\n" + logTail());
    }

    record Build(String job, int number, String result, String console) {
        String path() {
            return "job/" + job + "/" + number + "/";
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
