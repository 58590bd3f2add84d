package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;

/**
 * Reads the components of a CycloneDX SBOM (JSON or XML, any version cyclonedx-core-java reads), made by us or
 * by another tool (syft, trivy, cdxgen, the CycloneDX build plugins): every component, nested ones too, with its
 * package URL, and the image layer we recorded for it ({@code pipeline-integrity:layer}). An XML SBOM with a
 * document type declaration is refused (no entity of an untrusted document is ever expanded).
 */
public final class CycloneDxReader {
    private CycloneDxReader() {}

    /** The SBOM's components, and the layer of each that came from an image (by component ref). */
    public record Read(String subject, List<Component> components, Map<String, String> layers) {
        public Read {
            components = List.copyOf(components);
            layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        }
    }

    /** @param source what to name in errors (the file) */
    public static Read read(byte[] document, String source) {
        Bom bom = parse(document, source);
        List<Component> out = new ArrayList<>();
        Map<String, String> layers = new LinkedHashMap<>();
        collect(bom.getComponents(), source, out, layers, 0);
        String subject = source;
        if (bom.getMetadata() != null && bom.getMetadata().getComponent() != null) {
            var m = bom.getMetadata().getComponent();
            subject = m.getPurl() != null ? m.getPurl() : m.getName() != null ? m.getName() : source;
        }
        return new Read(subject, out, layers);
    }

    /** The document as cyclonedx-core-java's model, checked as {@link #read} checks it. */
    public static Bom parse(byte[] document, String source) {
        int i = 0;
        while (i < document.length && Character.isWhitespace(document[i] & 0xff)) {
            i++;
        }
        if (i == document.length) {
            throw new InvalidInputException(source, "empty: not a CycloneDX SBOM");
        }
        Bom bom;
        try {
            if (document[i] == '<') {
                String head = new String(document, 0, Math.min(document.length, 4096), StandardCharsets.UTF_8);
                if (head.contains("<!DOCTYPE") || head.contains("<!ENTITY")) {
                    throw new InvalidInputException(source, "an XML SBOM with a document type declaration is not read");
                }
                if (!head.contains("http://cyclonedx.org/schema/bom/")) {
                    throw new InvalidInputException(source, "not a CycloneDX SBOM (no CycloneDX bom element)");
                }
                bom = new XmlParser().parse(document);
            } else {
                bom = new JsonParser().parse(document);
                if (bom != null && !"CycloneDX".equals(bom.getBomFormat())) {
                    throw new InvalidInputException(source, "not a CycloneDX SBOM (bomFormat is not CycloneDX)");
                }
            }
        } catch (ParseException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(source, "not a CycloneDX SBOM (" + firstLine(e.getMessage()) + ")");
        }
        if (bom == null) {
            throw new InvalidInputException(source, "not a CycloneDX SBOM");
        }
        return bom;
    }

    private static void collect(List<org.cyclonedx.model.Component> components, String source, List<Component> out,
            Map<String, String> layers, int depth) {
        if (components == null) {
            return;
        }
        if (depth > 32) {
            throw new InvalidInputException(source, "components nested more than 32 deep");
        }
        for (org.cyclonedx.model.Component c : components) {
            if (c.getName() == null || c.getName().isBlank()) {
                continue;
            }
            String foundIn = null;
            String layer = null;
            if (c.getProperties() != null) {
                for (var p : c.getProperties()) {
                    if ("pipeline-integrity:foundIn".equals(p.getName())) {
                        foundIn = p.getValue();
                    } else if ("pipeline-integrity:layer".equals(p.getName())) {
                        layer = p.getValue();
                    }
                }
            }
            String ecosystem = c.getPurl() != null && c.getPurl().startsWith("pkg:") && c.getPurl().indexOf('/') > 4
                    ? c.getPurl().substring(4, c.getPurl().indexOf('/')) : "unknown";
            Component component = new Component(ecosystem, c.getGroup(), c.getName(), c.getVersion(), c.getPurl(),
                    List.of(), foundIn);
            out.add(component);
            if (layer != null) {
                layers.put(component.ref(), layer);
            }
            collect(c.getComponents(), source, out, layers, depth + 1);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
