package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.SafeXml;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The jobs of {@code jobs/}, folders included ({@code jobs/F/jobs/NAME}): each job's type, the SHA-256 of its
 * {@code config.xml}, where its Pipeline comes from (an inline script, and whether it runs in the sandbox, or a
 * Jenkinsfile from SCM), its SCM URL (credentials in the URL masked) and whether it runs system Groovy; and the
 * credential ids that folders hold. Multibranch projects are read, their generated branch jobs are not.
 */
final class JobReader {
    static final String KIND = "job";
    private static final int MAX_DEPTH = 20;

    private JobReader() {}

    static List<SnapshotItem> read(HomeFiles files) {
        List<SnapshotItem> out = new ArrayList<>();
        walk(files, files.home().resolve("jobs"), "", 0, out);
        return out;
    }

    private static void walk(HomeFiles files, Path jobs, String prefix, int depth, List<SnapshotItem> out) {
        if (depth > MAX_DEPTH || !files.isDirectory(jobs)) {
            return;
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(jobs)) {
            s.forEach(dirs::add);
        } catch (IOException e) {
            return;
        }
        dirs.sort(null);
        for (Path dir : dirs) {
            if (!files.isDirectory(dir)) {
                continue;
            }
            Path config = dir.resolve("config.xml");
            byte[] bytes = files.read(config);
            if (bytes == null) {
                continue;
            }
            String name = prefix + dir.getFileName();
            Document doc = files.xml(config);
            Element root = doc.getDocumentElement();
            out.add(SnapshotItem.of(KIND, name, describe(root, bytes)));
            Element folderCredentials = descendant(root,
                    "com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider_-FolderCredentialsProperty");
            if (folderCredentials != null) {
                out.addAll(CredentialIds.of(SafeXml.child(folderCredentials, "domainCredentialsMap"), "folder:" + name));
            }
            String type = root.getTagName();
            if (!type.contains("MultiBranch") && !type.contains("OrganizationFolder")) {
                walk(files, dir.resolve("jobs"), name + "/", depth + 1, out);
            }
        }
    }

    static Map<String, String> describe(Element root, byte[] config) {
        Map<String, String> a = new TreeMap<>();
        a.put("type", root.getTagName());
        a.put("configSha256", HomeFiles.sha256(config));
        a.put("disabled", GlobalConfigReader.orDefault(SafeXml.text(root, "disabled"), "false"));
        Element definition = SafeXml.child(root, "definition");
        if (definition != null) {
            String cls = definition.getAttribute("class");
            if (cls.endsWith(".CpsFlowDefinition")) {
                a.put("definition", "inline");
                a.put("sandbox", GlobalConfigReader.orDefault(SafeXml.text(definition, "sandbox"), "false"));
                a.put("scriptSha256", HomeFiles.sha256(GlobalConfigReader.orDefault(SafeXml.text(definition, "script"), "")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } else if (cls.endsWith(".CpsScmFlowDefinition")) {
                a.put("definition", "scm");
                a.put("scriptPath", GlobalConfigReader.orDefault(SafeXml.text(definition, "scriptPath"), "Jenkinsfile"));
            } else {
                a.put("definition", cls);
            }
        }
        Element scm = descendant(root, "scm");
        String url = scm == null ? null : firstText(scm, "url");
        if (url == null) {
            Element source = descendant(root, "source");
            url = source == null ? null : firstText(source, "remote");
        }
        if (url != null) {
            a.put("scmUrl", maskUserinfo(url));
        }
        if (descendant(root, "hudson.plugins.groovy.SystemGroovy") != null) {
            a.put("systemGroovy", "true");
        }
        return a;
    }

    static String maskUserinfo(String url) {
        return io.jenkins.plugins.integrity.check.Urls.maskUserinfo(url);
    }

    private static String firstText(Element root, String tag) {
        NodeList l = root.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().strip();
    }

    private static Element descendant(Element root, String tag) {
        NodeList l = root.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }
}
