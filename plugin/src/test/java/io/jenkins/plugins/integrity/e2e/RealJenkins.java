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

    private final Process process;
    private final Path home;
    private final Path log;
    private final URI url;
    private final HttpClient http;
    private String crumbField;
    private String crumb;

    private RealJenkins(Process process, Path home, Path log, URI url) {
        this.process = process;
        this.home = home;
        this.log = log;
        this.url = url;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static RealJenkins start() throws Exception {
        Path war = Path.of(required("e2e.war"));
        Path plugins = Path.of(required("e2e.plugins"));
        Path hpi = Path.of(required("e2e.hpi"));
        Path work = Files.createDirectories(Path.of(required("e2e.work")));
        Path home = Files.createTempDirectory(work, "jenkins-home-");
        Path pluginDir = Files.createDirectories(home.resolve("plugins"));
        try (Stream<Path> jpis = Files.list(plugins)) {
            for (Path jpi : jpis.filter(p -> p.toString().endsWith(".jpi")).toList()) {
                Files.copy(jpi, pluginDir.resolve(jpi.getFileName()));
            }
        }
        Files.copy(hpi, pluginDir.resolve("pipeline-integrity.jpi"), StandardCopyOption.REPLACE_EXISTING);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = home.resolve("jenkins.log");
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
        Process p = pb.start();
        RealJenkins jenkins = new RealJenkins(p, home, log, URI.create("http://127.0.0.1:" + port + "/"));
        try {
            jenkins.awaitReady();
        } catch (Exception | AssertionError e) {
            jenkins.close();
            throw e;
        }
        return jenkins;
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
        return http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
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
