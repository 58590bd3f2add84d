package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.check.RelativePaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Maven {@code pom.xml}: the declared dependencies (the POM's own and those it inherits), with versions from
 * the properties and {@code dependencyManagement} of the POM, its parents and the BOMs it imports. Parents are
 * read from the tree ({@code relativePath}, by default {@code ../pom.xml}, when its coordinates match) or the
 * local Maven repository; BOMs from the local repository. Read with external entities and DTDs refused.
 * https://maven.apache.org/pom.html#Inheritance
 */
final class MavenPomCataloger implements Cataloger {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    /** Deeper inheritance or import chains than this are a loop, or hostile. */
    private static final int MAX_CHAIN = 12;

    private final Path localRepository;

    MavenPomCataloger() {
        this(null);
    }

    /** @param localRepository a Maven local repository ({@code ~/.m2/repository}) to find parents and BOMs in, or null */
    MavenPomCataloger(Path localRepository) {
        this.localRepository = localRepository;
    }

    @Override
    public boolean handles(String path) {
        return Cataloger.named(path, "pom.xml");
    }

    @Override
    public List<Component> catalog(String path, byte[] content, String distro) {
        return catalog(path, content, distro, Files.NONE);
    }

    /** One POM of the inheritance chain: its element and where it came from (a tree path, or null). */
    private record Pom(Element project, String path) {}

    @Override
    public List<Component> catalog(String path, byte[] content, String distro, Files files) {
        Element project = project(content);
        List<Pom> chain = chain(new Pom(project, path), files);
        // properties and managed versions: the farthest ancestor first, each descendant overriding
        Map<String, String> props = new HashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            Element p = chain.get(i).project();
            Element properties = child(p, "properties");
            if (properties != null) {
                for (Element e : children(properties)) {
                    props.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        }
        Element declared = child(project, "parent");
        String group = firstText(chain, "groupId");
        String version = firstText(chain, "version");
        if (declared != null) {
            group = group != null ? group : text(declared, "groupId");
            version = version != null ? version : text(declared, "version");
        }
        put(props, "project.groupId", group);
        put(props, "project.version", version);
        put(props, "version", version);
        put(props, "project.artifactId", text(project, "artifactId"));
        Element parent = child(project, "parent");
        if (parent != null) {
            put(props, "project.parent.version", text(parent, "version"));
            put(props, "project.parent.groupId", text(parent, "groupId"));
        }
        Map<String, String> managed = new HashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            managed(chain.get(i).project(), props, managed, 0);
        }
        List<Component> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Pom pom : chain) {
            Element deps = child(pom.project(), "dependencies");
            if (deps == null) {
                continue;
            }
            for (Element d : children(deps)) {
                String g = resolve(text(d, "groupId"), props);
                String a = resolve(text(d, "artifactId"), props);
                if (a == null || !seen.add(g + ":" + a)) {
                    continue; // a child's declaration overrides its parent's
                }
                String v = resolve(text(d, "version"), props);
                if (v == null) {
                    v = managed.get(g + ":" + a);
                }
                if (v != null && v.contains("${")) {
                    v = null; // a property no POM of the chain defines: unknown here
                }
                out.add(new Component("maven", g, a, v, Components.purl("maven", g, a, v), List.of(), path));
            }
        }
        return out;
    }

    private static void put(Map<String, String> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    private static String firstText(List<Pom> chain, String name) {
        for (Pom p : chain) {
            String t = text(p.project(), name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** The POM and its parents, nearest first, as far as they can be found. */
    private List<Pom> chain(Pom start, Files files) {
        List<Pom> chain = new ArrayList<>(List.of(start));
        Pom current = start;
        while (chain.size() < MAX_CHAIN) {
            Element parent = child(current.project(), "parent");
            if (parent == null) {
                break;
            }
            Pom next = parentOf(current, parent, files);
            if (next == null) {
                break;
            }
            chain.add(next);
            current = next;
        }
        return chain;
    }

    private Pom parentOf(Pom child, Element parent, Files files) {
        String g = text(parent, "groupId");
        String a = text(parent, "artifactId");
        String v = text(parent, "version");
        if (child.path() != null) {
            String rel = text(parent, "relativePath");
            rel = rel == null ? "../pom.xml" : rel.isEmpty() ? null : rel.endsWith(".xml") ? rel : rel + "/pom.xml";
            if (rel != null) {
                String at = RelativePaths.resolve(dirOf(child.path()) + rel);
                byte[] bytes = at == null ? null : files.read(at);
                if (bytes != null) {
                    Element p = project(bytes);
                    String pg = text(p, "groupId") != null ? text(p, "groupId") : parentText(p, "groupId");
                    String pv = text(p, "version") != null ? text(p, "version") : parentText(p, "version");
                    if (java.util.Objects.equals(a, text(p, "artifactId")) && java.util.Objects.equals(g, pg)
                            && java.util.Objects.equals(v, pv)) {
                        return new Pom(p, at);
                    }
                }
            }
        }
        byte[] fromRepo = fromRepository(g, a, v);
        return fromRepo == null ? null : new Pom(project(fromRepo), null);
    }

    private static String parentText(Element project, String name) {
        Element parent = child(project, "parent");
        return parent == null ? null : text(parent, name);
    }

    /** Adds a POM's managed versions (and those of the BOMs it imports) that are not managed yet. */
    private void managed(Element project, Map<String, String> props, Map<String, String> managed, int depth) {
        Element dm = child(project, "dependencyManagement");
        if (dm == null || child(dm, "dependencies") == null) {
            return;
        }
        for (Element d : children(child(dm, "dependencies"))) {
            String g = resolve(text(d, "groupId"), props);
            String a = resolve(text(d, "artifactId"), props);
            String v = resolve(text(d, "version"), props);
            if ("import".equals(text(d, "scope")) && "pom".equals(text(d, "type"))) {
                byte[] bom = depth < MAX_CHAIN ? fromRepository(g, a, v) : null;
                if (bom != null) {
                    Element b = project(bom);
                    Map<String, String> bomProps = new HashMap<>(props);
                    Element properties = child(b, "properties");
                    if (properties != null) {
                        for (Element e : children(properties)) {
                            bomProps.put(e.getTagName(), e.getTextContent().trim());
                        }
                    }
                    put(bomProps, "project.version", text(b, "version"));
                    managed(b, bomProps, managed, depth + 1);
                }
                continue;
            }
            // ancestors are read first, so a nearer POM's entry overrides theirs
            if (v != null && !v.contains("${")) {
                managed.put(g + ":" + a, v);
            }
        }
    }

    /** {@code GROUP/PATH/ARTIFACT/VERSION/ARTIFACT-VERSION.pom} from the local repository, or null. */
    private byte[] fromRepository(String g, String a, String v) {
        if (localRepository == null || g == null || a == null || v == null
                || !(g + a + v).matches("[A-Za-z0-9_.\\-]+") || v.contains("..") || a.contains("..")) {
            return null;
        }
        Path pom = localRepository.resolve(g.replace('.', '/')).resolve(a).resolve(v).resolve(a + "-" + v + ".pom");
        try {
            return java.nio.file.Files.isRegularFile(pom) && java.nio.file.Files.size(pom) < SbomGenerator.MAX_FILE
                    ? java.nio.file.Files.readAllBytes(pom) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Element project(byte[] content) {
        Element project = parse(content).getDocumentElement();
        if (!"project".equals(project.getLocalName() == null ? project.getNodeName() : project.getLocalName())) {
            throw new IllegalArgumentException("not a Maven POM (no <project>)");
        }
        return project;
    }

    private static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }


    static Document parse(byte[] content) {
        return io.jenkins.plugins.integrity.check.SafeXml.parse(content);
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
