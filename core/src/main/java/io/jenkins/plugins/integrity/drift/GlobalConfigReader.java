package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.SafeXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The controller's own configuration, {@code config.xml}: security realm, authorization strategy and its grants,
 * CSRF crumb issuer, markup formatter, inbound agent port and protocols, the built-in node's executors, clouds.
 * Settings keep their class and their simple values, never one whose name or value looks like a secret.
 */
final class GlobalConfigReader {
    static final String SETTING = "setting";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|key|credential|hash|salt|seed"
            + "|cert).*");

    private GlobalConfigReader() {}

    static List<SnapshotItem> read(Document config) {
        List<SnapshotItem> out = new ArrayList<>();
        Element root = config.getDocumentElement();
        out.add(SnapshotItem.of(SETTING, "useSecurity", Map.of("value", orDefault(SafeXml.text(root, "useSecurity"),
                "true"))));
        Element realm = SafeXml.child(root, "securityRealm");
        out.add(SnapshotItem.of(SETTING, "securityRealm", described(realm, "hudson.security.SecurityRealm$None")));
        Element strategy = SafeXml.child(root, "authorizationStrategy");
        out.add(SnapshotItem.of(SETTING, "authorizationStrategy", described(strategy,
                "hudson.security.AuthorizationStrategy$Unsecured")));
        out.addAll(Grants.of("false".equals(SafeXml.text(root, "useSecurity")) ? null : strategy));
        Element crumb = SafeXml.child(root, "crumbIssuer");
        out.add(SnapshotItem.of(SETTING, "crumbIssuer", described(crumb, "none")));
        out.add(SnapshotItem.of(SETTING, "markupFormatter", described(SafeXml.child(root, "markupFormatter"),
                "hudson.markup.EscapedMarkupFormatter")));
        out.add(SnapshotItem.of(SETTING, "agentPort", Map.of("value", orDefault(SafeXml.text(root, "slaveAgentPort"),
                "-1"))));
        Map<String, String> protocols = new TreeMap<>();
        protocols.put("enabled", list(SafeXml.child(root, "enabledAgentProtocols")));
        protocols.put("disabled", list(SafeXml.child(root, "disabledAgentProtocols")));
        out.add(SnapshotItem.of(SETTING, "agentProtocols", protocols));
        Map<String, String> builtIn = new TreeMap<>();
        builtIn.put("executors", orDefault(SafeXml.text(root, "numExecutors"), "2"));
        builtIn.put("mode", orDefault(SafeXml.text(root, "mode"), "NORMAL"));
        builtIn.put("label", orDefault(SafeXml.text(root, "label"), ""));
        out.add(SnapshotItem.of(SETTING, "builtInNode", builtIn));
        out.add(SnapshotItem.of(SETTING, "rememberMe", Map.of("disabled", orDefault(SafeXml.text(root,
                "disableRememberMe"), "false"))));
        for (Element cloud : SafeXml.children(SafeXml.child(root, "clouds"))) {
            Map<String, String> a = described(cloud, cloud.getTagName());
            String name = orDefault(SafeXml.text(cloud, "name"), cloud.getTagName());
            out.add(SnapshotItem.of("cloud", name, a));
        }
        return out;
    }

    /** An element's class (or the default when it is absent) and its simple, non-secret values. */
    static Map<String, String> described(Element e, String absent) {
        Map<String, String> a = new TreeMap<>();
        if (e == null) {
            a.put("class", absent);
            return a;
        }
        a.put("class", e.hasAttribute("class") ? e.getAttribute("class") : e.getTagName());
        Map<String, Integer> seen = new TreeMap<>();
        SafeXml.children(e).forEach(c -> seen.merge(c.getTagName(), 1, Integer::sum));
        for (Element c : SafeXml.children(e)) {
            String name = c.getTagName();
            String value = c.getTextContent().strip();
            if (seen.get(name) == 1 && SafeXml.isLeaf(c) && !SECRET_NAME.matcher(name).matches()
                    && !(value.startsWith("{") && value.endsWith("}")) && value.length() <= 512) {
                a.put(name, value);
            }
        }
        return a;
    }

    private static String list(Element e) {
        List<String> values = new ArrayList<>();
        for (Element c : SafeXml.children(e)) {
            values.add(c.getTextContent().strip());
        }
        return String.join(",", values.stream().sorted().toList());
    }

    static String orDefault(String v, String d) {
        return v == null || v.isEmpty() ? d : v;
    }
}
