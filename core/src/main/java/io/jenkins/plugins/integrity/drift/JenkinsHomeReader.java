package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.SafeXml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A {@link ControllerSnapshot} read from a JENKINS_HOME on disk, as Jenkins wrote it: {@code config.xml} and the
 * global configuration files beside it, {@code scriptApproval.xml}, {@code plugins/}, {@code init.groovy} and
 * {@code init.groovy.d/}, JCasC files ({@code jenkins.yaml}, {@code casc_configs/}), {@code nodes/}, {@code jobs/},
 * {@code credentials.xml} (ids and types only) and {@code users/} (API token counts). Nothing under
 * {@code secrets/} is read but the agent-to-controller kill switch, and no secret value reaches the snapshot.
 */
public final class JenkinsHomeReader {
    private final Clock clock;

    public JenkinsHomeReader() {
        this(Clock.systemUTC());
    }

    public JenkinsHomeReader(Clock clock) {
        this.clock = clock;
    }

    /** @throws InvalidInputException naming the file that is missing, too large or not XML */
    public ControllerSnapshot read(Path jenkinsHome) {
        HomeFiles files = new HomeFiles(jenkinsHome);
        Path home = files.home();
        Document config = files.xml(home.resolve("config.xml"));
        if (config == null) {
            throw new InvalidInputException(jenkinsHome.toString(), "has no config.xml: not a JENKINS_HOME");
        }
        List<SnapshotItem> items = new ArrayList<>(GlobalConfigReader.read(config));
        String version = GlobalConfigReader.orDefault(SafeXml.text(config.getDocumentElement(), "version"), "unknown");
        items.add(killSwitch(files));
        items.addAll(cli(files));
        items.addAll(scriptApprovals(files));
        items.addAll(PluginReader.read(files));
        items.addAll(scripts(files, "initScript", home.resolve("init.groovy"), home.resolve("init.groovy.d"), ".groovy"));
        items.addAll(casc(files));
        items.addAll(libraries(files, "org.jenkinsci.plugins.workflow.libs.GlobalLibraries.xml", true));
        items.addAll(libraries(files, "org.jenkinsci.plugins.workflow.libs.GlobalUntrustedLibraries.xml", false));
        items.addAll(updateSites(files));
        items.addAll(nodes(files));
        items.addAll(JobReader.read(files));
        Document credentials = files.xml(home.resolve("credentials.xml"));
        if (credentials != null) {
            items.addAll(CredentialIds.of(SafeXml.child(credentials.getDocumentElement(), "domainCredentialsMap"),
                    "system"));
        }
        items.addAll(users(files));
        return new ControllerSnapshot("jenkins-home", version, clock.instant(), items);
    }

    /** secrets/slave-to-master-security-kill-switch set to true turned agent-to-controller security off. */
    private static SnapshotItem killSwitch(HomeFiles files) {
        byte[] b = files.read(files.home().resolve("secrets/slave-to-master-security-kill-switch"));
        boolean off = b != null && new String(b, StandardCharsets.UTF_8).strip().equalsIgnoreCase("true");
        return SnapshotItem.of(GlobalConfigReader.SETTING, "agentToControllerSecurity", Map.of("enabled",
                Boolean.toString(!off)));
    }

    private static List<SnapshotItem> cli(HomeFiles files) {
        List<SnapshotItem> out = new ArrayList<>();
        Document cli = files.xml(files.home().resolve("jenkins.CLI.xml"));
        out.add(SnapshotItem.of(GlobalConfigReader.SETTING, "cli", Map.of("enabled", cli == null ? "true"
                : GlobalConfigReader.orDefault(SafeXml.text(cli.getDocumentElement(), "enabled"), "true"))));
        Document sshd = files.xml(files.home().resolve("org.jenkinsci.main.modules.sshd.SSHD.xml"));
        out.add(SnapshotItem.of(GlobalConfigReader.SETTING, "sshd", Map.of("port", sshd == null ? "-1"
                : GlobalConfigReader.orDefault(SafeXml.text(sshd.getDocumentElement(), "port"), "-1"))));
        return out;
    }

    private static List<SnapshotItem> scriptApprovals(HomeFiles files) {
        List<SnapshotItem> out = new ArrayList<>();
        Document d = files.xml(files.home().resolve("scriptApproval.xml"));
        if (d == null) {
            return out;
        }
        Element root = d.getDocumentElement();
        for (String[] list : new String[][] {{"approvedSignatures", "signature"}, {"aclApprovedSignatures", "aclSignature"},
                {"approvedScriptHashes", "scriptHash"}, {"approvedClasspathEntries", "classpath"}}) {
            for (Element e : SafeXml.children(SafeXml.child(root, list[0]))) {
                String value = e.getTagName().equals("string") ? e.getTextContent().strip()
                        : GlobalConfigReader.orDefault(SafeXml.text(e, "hash"), e.getTextContent().strip());
                Map<String, String> a = new TreeMap<>();
                if (list[1].endsWith("ignature")) {
                    a.put("dangerous", Boolean.toString(DangerousSignatures.isDangerous(value)));
                }
                if (list[1].equals("classpath")) {
                    String path = SafeXml.text(e, "url");
                    if (path != null) {
                        a.put("url", JobReader.maskUserinfo(path));
                    }
                }
                out.add(SnapshotItem.of("scriptApproval", list[1] + ":" + value, a));
            }
        }
        out.add(SnapshotItem.of(GlobalConfigReader.SETTING, "forceSandbox", Map.of("value",
                GlobalConfigReader.orDefault(SafeXml.text(root, "forceSandbox"), "false"))));
        return out;
    }

    /** A single file and the files of a folder with this suffix, by name and SHA-256. */
    private static List<SnapshotItem> scripts(HomeFiles files, String kind, Path single, Path dir, String suffix) {
        List<SnapshotItem> out = new ArrayList<>();
        byte[] b = files.read(single);
        if (b != null) {
            out.add(SnapshotItem.of(kind, files.name(single), Map.of("sha256", HomeFiles.sha256(b))));
        }
        if (files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir, 4)) {
                for (Path p : s.filter(files::isFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted()
                        .toList()) {
                    out.add(SnapshotItem.of(kind, files.name(p), Map.of("sha256", HomeFiles.sha256(files.read(p)))));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new InvalidInputException(files.name(dir), "cannot be listed");
            }
        }
        return out;
    }

    private static List<SnapshotItem> casc(HomeFiles files) {
        List<SnapshotItem> out = new ArrayList<>(scripts(files, "casc", files.home().resolve("jenkins.yaml"),
                files.home().resolve("casc_configs"), ".yaml"));
        out.addAll(scripts(files, "casc", files.home().resolve("jenkins.yml"), files.home().resolve("casc_configs"),
                ".yml"));
        return out;
    }

    private static List<SnapshotItem> libraries(HomeFiles files, String file, boolean trusted) {
        List<SnapshotItem> out = new ArrayList<>();
        Document d = files.xml(files.home().resolve(file));
        if (d == null) {
            return out;
        }
        for (Element lib : SafeXml.children(SafeXml.child(d.getDocumentElement(), "libraries"))) {
            String name = SafeXml.text(lib, "name");
            if (name == null) {
                continue;
            }
            Map<String, String> a = new TreeMap<>();
            a.put("trusted", Boolean.toString(trusted));
            a.put("defaultVersion", GlobalConfigReader.orDefault(SafeXml.text(lib, "defaultVersion"), ""));
            a.put("implicit", GlobalConfigReader.orDefault(SafeXml.text(lib, "implicit"), "false"));
            a.put("allowVersionOverride", GlobalConfigReader.orDefault(SafeXml.text(lib, "allowVersionOverride"), "true"));
            Element retriever = SafeXml.child(lib, "retriever");
            if (retriever != null) {
                a.put("retriever", retriever.getAttribute("class"));
                var remotes = retriever.getElementsByTagName("remote");
                if (remotes.getLength() > 0) {
                    a.put("scmUrl", JobReader.maskUserinfo(remotes.item(0).getTextContent().strip()));
                }
            }
            out.add(SnapshotItem.of("library", name, a));
        }
        return out;
    }

    private static List<SnapshotItem> updateSites(HomeFiles files) {
        List<SnapshotItem> out = new ArrayList<>();
        Document d = files.xml(files.home().resolve("hudson.model.UpdateCenter.xml"));
        if (d == null) {
            return out;
        }
        for (Element site : SafeXml.children(d.getDocumentElement())) {
            String id = SafeXml.text(site, "id");
            if (id != null) {
                out.add(SnapshotItem.of("updateSite", id, Map.of("url", JobReader.maskUserinfo(
                        GlobalConfigReader.orDefault(SafeXml.text(site, "url"), "")))));
            }
        }
        return out;
    }

    private static List<SnapshotItem> nodes(HomeFiles files) {
        List<SnapshotItem> out = new ArrayList<>();
        Path dir = files.home().resolve("nodes");
        if (!files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path n : s.sorted().toList()) {
                Document d = files.xml(n.resolve("config.xml"));
                if (d == null) {
                    continue;
                }
                Element root = d.getDocumentElement();
                Map<String, String> a = new TreeMap<>();
                a.put("type", root.hasAttribute("class") ? root.getAttribute("class") : root.getTagName());
                Element launcher = SafeXml.child(root, "launcher");
                a.put("launcher", launcher == null ? "none" : launcher.getAttribute("class"));
                a.put("executors", GlobalConfigReader.orDefault(SafeXml.text(root, "numExecutors"), "1"));
                a.put("mode", GlobalConfigReader.orDefault(SafeXml.text(root, "mode"), "NORMAL"));
                a.put("labels", GlobalConfigReader.orDefault(SafeXml.text(root, "label"), ""));
                out.add(SnapshotItem.of("node", GlobalConfigReader.orDefault(SafeXml.text(root, "name"),
                        n.getFileName().toString()), a));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException("nodes", "cannot be listed");
        }
        return out;
    }

    /** Each user's API tokens, counted (their hashes are never read out), and a legacy token's presence. */
    private static List<SnapshotItem> users(HomeFiles files) {
        List<SnapshotItem> out = new ArrayList<>();
        Path dir = files.home().resolve("users");
        if (!files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path u : s.sorted().toList()) {
                Document d = files.xml(u.resolve("config.xml"));
                if (d == null) {
                    continue;
                }
                Element root = d.getDocumentElement();
                String id = GlobalConfigReader.orDefault(SafeXml.text(root, "id"), u.getFileName().toString());
                int tokens = root.getElementsByTagName("jenkins.security.apitoken.ApiTokenStore_-HashedToken").getLength();
                boolean legacy = false;
                var apiToken = root.getElementsByTagName("apiToken");
                for (int i = 0; i < apiToken.getLength(); i++) {
                    legacy |= !apiToken.item(i).getTextContent().isBlank();
                }
                out.add(SnapshotItem.of("user", id, Map.of("apiTokens", Integer.toString(tokens), "legacyApiToken",
                        Boolean.toString(legacy))));
                Element userCredentials = (Element) first(root,
                        "com.cloudbees.plugins.credentials.UserCredentialsProvider_-UserCredentialsProperty");
                if (userCredentials != null) {
                    out.addAll(CredentialIds.of(SafeXml.child(userCredentials, "domainCredentialsMap"), "user:" + id));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException("users", "cannot be listed");
        }
        return out;
    }

    private static org.w3c.dom.Node first(Element root, String tag) {
        var l = root.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0);
    }
}
