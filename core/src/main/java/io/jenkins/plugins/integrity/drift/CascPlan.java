package io.jenkins.plugins.integrity.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What re-applying a Configuration-as-Code YAML would change on the controller, which JCasC itself does not
 * tell: the YAML is read into the items it manages (the security realm, the authorization strategy and its
 * grants, the crumb issuer, the markup formatter, the built-in node's executors, the agent port, permanent nodes,
 * approved script signatures, global libraries), those items of the live snapshot are replaced by them, and the
 * difference is judged by the drift rules: a "plan" from the live state to the YAML's.
 */
public final class CascPlan {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CascPlan() {}

    /** The plan of one JCasC file: what re-applying it would change. */
    public record Planned(String file, List<Drift> changes) {
        public Planned {
            changes = List.copyOf(changes);
        }
    }

    /**
     * The JCasC files a controller was given: {@code CASC_JENKINS_CONFIG} (a file, or a folder of YAML files) when
     * set, else {@code JENKINS_HOME/jenkins.yaml} (as the plugin looks for them).
     */
    public static List<java.nio.file.Path> sources(java.nio.file.Path home, String cascJenkinsConfig) {
        List<java.nio.file.Path> out = new ArrayList<>();
        java.nio.file.Path p = cascJenkinsConfig == null || cascJenkinsConfig.isBlank() ? home.resolve("jenkins.yaml")
                : java.nio.file.Path.of(cascJenkinsConfig.strip());
        if (java.nio.file.Files.isRegularFile(p)) {
            out.add(p);
        } else if (java.nio.file.Files.isDirectory(p)) {
            try (var s = java.nio.file.Files.list(p)) {
                s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .filter(java.nio.file.Files::isRegularFile).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new InvalidInputException(p.toString(), "cannot be listed");
            }
        }
        return out;
    }

    /** Plans each file. @throws InvalidInputException naming a file that cannot be read or is not YAML */
    public static List<Planned> planAll(List<java.nio.file.Path> files, ControllerSnapshot live) {
        List<Planned> out = new ArrayList<>();
        for (java.nio.file.Path f : files) {
            byte[] b = io.jenkins.plugins.integrity.check.InputFiles.readBytes(f, 16L << 20, "a JCasC file");
            out.add(new Planned(f.toString(), plan(b, f.toString(), live)));
        }
        return out;
    }

    /** @throws InvalidInputException naming the file when it is not YAML */
    public static List<Drift> plan(byte[] yaml, String name, ControllerSnapshot live) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new InvalidInputException(name, "not YAML (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(name, "not a JCasC configuration (a YAML mapping)");
        }
        Map<String, SnapshotItem> desired = new TreeMap<>(live.byKey());
        JsonNode jenkins = root.path("jenkins");
        realm(jenkins.path("securityRealm"), desired);
        strategy(jenkins.path("authorizationStrategy"), desired);
        crumb(jenkins, desired);
        markup(jenkins.path("markupFormatter"), desired);
        if (jenkins.has("numExecutors")) {
            set(desired, "builtInNode", "executors", jenkins.path("numExecutors").asText());
        }
        if (jenkins.has("slaveAgentPort")) {
            set(desired, "agentPort", "value", jenkins.path("slaveAgentPort").asText());
        }
        nodes(jenkins.path("nodes"), desired);
        approvals(root.path("security").path("scriptApproval"), desired);
        libraries(root.path("unclassified").path("globalLibraries"), desired);
        return DriftRules.compare(live, new ControllerSnapshot(live.source(), live.jenkinsVersion(), live.takenAt(),
                new ArrayList<>(desired.values())));
    }

    private static void realm(JsonNode r, Map<String, SnapshotItem> desired) {
        String kind = symbol(r);
        if (kind == null) {
            return;
        }
        JsonNode v = r.path(kind);
        Map<String, String> a = new TreeMap<>();
        switch (kind) {
            case "local" -> {
                a.put("class", "hudson.security.HudsonPrivateSecurityRealm");
                a.put("disableSignup", Boolean.toString(!v.path("allowsSignup").asBoolean(false)));
                a.put("enableCaptcha", Boolean.toString(v.path("enableCaptcha").asBoolean(false)));
            }
            case "none" -> a.put("class", "hudson.security.SecurityRealm$None");
            default -> a.put("class", "jcasc:" + kind);
        }
        replaceSetting(desired, "securityRealm", a);
    }

    private static void strategy(JsonNode s, Map<String, SnapshotItem> desired) {
        String kind = symbol(s);
        if (kind == null) {
            return;
        }
        JsonNode v = s.path(kind);
        Map<String, String> a = new TreeMap<>();
        List<SnapshotItem> grants = new ArrayList<>();
        switch (kind) {
            case "unsecured" -> {
                a.put("class", "hudson.security.AuthorizationStrategy$Unsecured");
                grants.add(Grants.grant(Grants.ADMINISTER, "EITHER", Grants.ANONYMOUS));
            }
            case "loggedInUsersCanDoAnything" -> {
                boolean anonRead = v.path("allowAnonymousRead").asBoolean(true);
                a.put("class", "hudson.security.FullControlOnceLoggedInAuthorizationStrategy");
                a.put("denyAnonymousReadAccess", Boolean.toString(!anonRead));
                grants.add(Grants.grant(Grants.ADMINISTER, "GROUP", Grants.AUTHENTICATED));
                if (anonRead) {
                    grants.add(Grants.grant(Grants.READ, "EITHER", Grants.ANONYMOUS));
                }
            }
            case "legacy" -> {
                a.put("class", "hudson.security.LegacyAuthorizationStrategy");
                grants.add(Grants.grant(Grants.ADMINISTER, "GROUP", "admin"));
                grants.add(Grants.grant(Grants.READ, "EITHER", Grants.ANONYMOUS));
            }
            case "globalMatrix", "projectMatrix" -> {
                a.put("class", kind.equals("globalMatrix") ? "hudson.security.GlobalMatrixAuthorizationStrategy"
                        : "hudson.security.ProjectMatrixAuthorizationStrategy");
                matrixGrants(v, grants);
            }
            default -> a.put("class", "jcasc:" + kind);
        }
        replaceSetting(desired, "authorizationStrategy", a);
        desired.keySet().removeIf(k -> k.startsWith(Grants.KIND + ":"));
        grants.forEach(g -> desired.put(g.key(), g));
    }

    /** A describable as JCasC writes it: {@code symbol: {args}}, or the bare {@code symbol}; null when absent. */
    private static String symbol(JsonNode n) {
        if (n.isTextual()) {
            return n.asText();
        }
        return n.isObject() && n.fieldNames().hasNext() ? n.fieldNames().next() : null;
    }

    /** matrix-auth's JCasC: {@code permissions: ["USER:Overall/Administer:admin"]} or {@code entries:}. */
    private static void matrixGrants(JsonNode v, List<SnapshotItem> grants) {
        for (JsonNode p : v.path("permissions")) {
            String[] parts = p.asText().split(":", 3);
            if (parts.length == 3) {
                grants.add(Grants.grant(permissionId(parts[1]), parts[0], parts[2]));
            } else if (parts.length == 2) {
                grants.add(Grants.grant(permissionId(parts[0]), "EITHER", parts[1]));
            }
        }
        for (JsonNode e : v.path("entries")) {
            for (String type : new String[] {"user", "group", "either"}) {
                JsonNode who = e.path(type);
                if (who.isObject()) {
                    for (JsonNode p : who.path("permissions")) {
                        grants.add(Grants.grant(permissionId(p.asText()), type.toUpperCase(java.util.Locale.ROOT),
                                who.path("name").asText()));
                    }
                }
            }
        }
    }

    /** {@code Overall/Administer} as the permission id {@code hudson.model.Hudson.Administer}. */
    static String permissionId(String readable) {
        String[] parts = readable.split("/", 2);
        if (parts.length != 2) {
            return readable;
        }
        String group = switch (parts[0]) {
            case "Overall" -> "hudson.model.Hudson";
            case "Job" -> "hudson.model.Item";
            case "Agent" -> "hudson.model.Computer";
            case "Run" -> "hudson.model.Run";
            case "View" -> "hudson.model.View";
            case "SCM" -> "hudson.scm.SCM";
            case "Credentials" -> "com.cloudbees.plugins.credentials.CredentialsProvider";
            default -> parts[0];
        };
        return group + "." + parts[1];
    }

    private static void crumb(JsonNode jenkins, Map<String, SnapshotItem> desired) {
        if (!jenkins.has("crumbIssuer")) {
            return;
        }
        JsonNode c = jenkins.path("crumbIssuer");
        Map<String, String> a = new TreeMap<>();
        if (c.isNull() || c.isMissingNode() || (c.isObject() && c.isEmpty())) {
            a.put("class", "none");
        } else if (c.has("standard")) {
            a.put("class", "hudson.security.csrf.DefaultCrumbIssuer");
            a.put("excludeClientIPFromCrumb", Boolean.toString(c.path("standard").path("excludeClientIPFromCrumb")
                    .asBoolean(false)));
        } else {
            a.put("class", "jcasc:" + c.fieldNames().next());
        }
        replaceSetting(desired, "crumbIssuer", a);
    }

    private static void markup(JsonNode m, Map<String, SnapshotItem> desired) {
        if (!m.isObject() && !m.isTextual()) {
            return;
        }
        String kind = m.isTextual() ? m.asText() : m.fieldNames().hasNext() ? m.fieldNames().next() : "";
        String cls = switch (kind) {
            case "plainText" -> "hudson.markup.EscapedMarkupFormatter";
            case "rawHtml" -> "hudson.markup.RawHtmlMarkupFormatter";
            default -> "jcasc:" + kind;
        };
        replaceSetting(desired, "markupFormatter", Map.of("class", cls));
    }

    private static void nodes(JsonNode nodes, Map<String, SnapshotItem> desired) {
        if (!nodes.isArray()) {
            return;
        }
        for (JsonNode n : nodes) {
            JsonNode p = n.path("permanent");
            if (!p.isObject() || !p.hasNonNull("name")) {
                continue;
            }
            String key = "node:" + p.path("name").asText();
            Map<String, String> a = new TreeMap<>(desired.containsKey(key) ? desired.get(key).attributes() : Map.of());
            a.put("executors", p.path("numExecutors").asText(a.getOrDefault("executors", "1")));
            if (p.has("mode")) {
                a.put("mode", p.path("mode").asText());
            }
            if (p.has("labelString")) {
                a.put("labels", p.path("labelString").asText());
            }
            a.putIfAbsent("type", "slave");
            a.putIfAbsent("launcher", p.path("launcher").isObject() && p.path("launcher").fieldNames().hasNext()
                    ? "jcasc:" + p.path("launcher").fieldNames().next() : "none");
            desired.put(key, SnapshotItem.of("node", p.path("name").asText(), a));
        }
    }

    /** JCasC sets the approved signatures: those not in the YAML would go, those in it would be approved. */
    private static void approvals(JsonNode sa, Map<String, SnapshotItem> desired) {
        if (!sa.has("approvedSignatures")) {
            return;
        }
        desired.keySet().removeIf(k -> k.startsWith("scriptApproval:signature:"));
        for (JsonNode s : sa.path("approvedSignatures")) {
            String sig = s.asText().strip();
            desired.put("scriptApproval:signature:" + sig, SnapshotItem.of("scriptApproval", "signature:" + sig,
                    Map.of("dangerous", Boolean.toString(DangerousSignatures.isDangerous(sig)))));
        }
    }

    private static void libraries(JsonNode gl, Map<String, SnapshotItem> desired) {
        if (!gl.has("libraries")) {
            return;
        }
        Set<String> named = new HashSet<>();
        for (JsonNode l : gl.path("libraries")) {
            String name = l.path("name").asText("");
            if (name.isEmpty()) {
                continue;
            }
            named.add("library:" + name);
            Map<String, String> a = new TreeMap<>(desired.containsKey("library:" + name)
                    ? desired.get("library:" + name).attributes() : Map.of());
            a.put("trusted", "true");
            a.put("defaultVersion", l.path("defaultVersion").asText(""));
            a.put("implicit", Boolean.toString(l.path("implicit").asBoolean(false)));
            a.put("allowVersionOverride", Boolean.toString(l.path("allowVersionOverride").asBoolean(true)));
            desired.put("library:" + name, SnapshotItem.of("library", name, a));
        }
        for (Iterator<String> it = desired.keySet().iterator(); it.hasNext();) {
            String k = it.next();
            if (k.startsWith("library:") && "true".equals(desired.get(k).get("trusted")) && !named.contains(k)) {
                it.remove();
            }
        }
    }

    private static void set(Map<String, SnapshotItem> desired, String setting, String attribute, String value) {
        SnapshotItem old = desired.get("setting:" + setting);
        Map<String, String> a = new TreeMap<>(old == null ? Map.of() : old.attributes());
        a.put(attribute, value);
        desired.put("setting:" + setting, SnapshotItem.of("setting", setting, a));
    }

    private static void replaceSetting(Map<String, SnapshotItem> desired, String setting, Map<String, String> a) {
        desired.put("setting:" + setting, SnapshotItem.of("setting", setting, a));
    }
}
