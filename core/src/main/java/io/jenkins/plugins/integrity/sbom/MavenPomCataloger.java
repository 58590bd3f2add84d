package io.jenkins.plugins.integrity.sbom;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Maven {@code pom.xml}: the declared dependencies, with versions from the POM's own properties and
 * {@code dependencyManagement} (and {@code project.version} / {@code project.parent.version}). Read with
 * external entities and DTDs refused. https://maven.apache.org/pom.html#Dependencies
 */
final class MavenPomCataloger implements Cataloger {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    @Override
    public boolean handles(String path) {
        return Cataloger.named(path, "pom.xml");
    }

    @Override
    public List<Component> catalog(String path, byte[] content, String distro) {
        Element project = parse(content).getDocumentElement();
        if (!"project".equals(project.getLocalName() == null ? project.getNodeName() : project.getLocalName())) {
            throw new IllegalArgumentException("not a Maven POM (no <project>)");
        }
        Map<String, String> props = new HashMap<>();
        Element parent = child(project, "parent");
        String version = text(project, "version");
        if (version == null && parent != null) {
            version = text(parent, "version");
        }
        if (version != null) {
            props.put("project.version", version);
            props.put("version", version);
        }
        if (parent != null && text(parent, "version") != null) {
            props.put("project.parent.version", text(parent, "version"));
        }
        Element properties = child(project, "properties");
        if (properties != null) {
            for (Element p : children(properties)) {
                props.put(p.getTagName(), p.getTextContent().trim());
            }
        }
        Map<String, String> managed = new HashMap<>();
        Element dm = child(project, "dependencyManagement");
        if (dm != null && child(dm, "dependencies") != null) {
            for (Element d : children(child(dm, "dependencies"))) {
                String v = resolve(text(d, "version"), props);
                if (v != null) {
                    managed.put(resolve(text(d, "groupId"), props) + ":" + resolve(text(d, "artifactId"), props), v);
                }
            }
        }
        List<Component> out = new ArrayList<>();
        Element deps = child(project, "dependencies");
        if (deps != null) {
            for (Element d : children(deps)) {
                String group = resolve(text(d, "groupId"), props);
                String artifact = resolve(text(d, "artifactId"), props);
                if (artifact == null) {
                    continue;
                }
                String v = resolve(text(d, "version"), props);
                if (v == null) {
                    v = managed.get(group + ":" + artifact);
                }
                if (v != null && v.contains("${")) {
                    v = null; // a property this POM does not define (a parent's): unknown here
                }
                out.add(new Component("maven", group, artifact, v, Components.purl("maven", group, artifact, v),
                        List.of(), path));
            }
        }
        return out;
    }

    static Document parse(byte[] content) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(content));
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed XML (or it declares a DTD)");
        }
    }

    private static String resolve(String value, Map<String, String> props) {
        if (value == null) {
            return null;
        }
        String v = value;
        for (int depth = 0; depth < 10 && v.contains("${"); depth++) {
            Matcher m = PROPERTY.matcher(v);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String r = props.get(m.group(1));
                m.appendReplacement(sb, Matcher.quoteReplacement(r == null ? m.group() : r));
            }
            m.appendTail(sb);
            if (sb.toString().equals(v)) {
                break;
            }
            v = sb.toString();
        }
        return v;
    }

    private static Element child(Element e, String name) {
        for (Element c : children(e)) {
            if (c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getTextContent().trim();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }
}
