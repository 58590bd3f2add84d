package io.jenkins.plugins.integrity.check;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * XML from untrusted files, parsed without DTDs, external entities or XInclude (XML 1.0 and 1.1, as Jenkins
 * writes), and the few DOM walks the readers need.
 */
public final class SafeXml {
    private SafeXml() {}

    /** @throws IllegalArgumentException when the bytes are not well-formed XML or declare a DTD */
    public static Document parse(byte[] content) {
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

    /** The element children of a node, in order. */
    public static List<Element> children(Node parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first element child of this name, or null. */
    public static Element child(Node parent, String name) {
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The trimmed text of the first element child of this name, or null. */
    public static String text(Node parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    /** Whether an element has no element children (a value, not a structure). */
    public static boolean isLeaf(Element e) {
        return children(e).isEmpty();
    }
}
