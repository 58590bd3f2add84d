package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.report.ToolInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import io.jenkins.plugins.integrity.oci.ImageReference;
import io.jenkins.plugins.integrity.oci.Layer;
import io.jenkins.plugins.integrity.oci.ResolvedImage;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/** Writes an SBOM as CycloneDX 1.6, JSON or XML, through cyclonedx-core-java. */
public final class CycloneDxWriter {
    private CycloneDxWriter() {}

    public static String json(SbomGenerator.Sbom sbom) {
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom(sbom)).toJsonString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("the CycloneDX document could not be written", e);
        }
    }

    public static String xml(SbomGenerator.Sbom sbom) {
        try {
            return BomGeneratorFactory.createXml(Version.VERSION_16, bom(sbom)).toXmlString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("the CycloneDX document could not be written", e);
        }
    }

    static Bom bom(SbomGenerator.Sbom sbom) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(new java.util.Date());
        ToolInformation tools = new ToolInformation();
        org.cyclonedx.model.Component tool = new org.cyclonedx.model.Component();
        tool.setType(org.cyclonedx.model.Component.Type.APPLICATION);
        tool.setName(ToolInfo.NAME);
        tool.setVersion(ToolInfo.current().version());
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        metadata.setComponent(sbom.image() == null ? directory(sbom.subject()) : image(sbom.image()));
        bom.setMetadata(metadata);
        List<org.cyclonedx.model.Component> components = new ArrayList<>();
        for (Component c : sbom.components()) {
            org.cyclonedx.model.Component cc = new org.cyclonedx.model.Component();
            cc.setType(org.cyclonedx.model.Component.Type.LIBRARY);
            cc.setGroup(c.group());
            cc.setName(c.name());
            cc.setVersion(c.version());
            cc.setPurl(c.purl());
            cc.setBomRef(c.ref());
            if (!c.licenses().isEmpty()) {
                LicenseChoice lc = new LicenseChoice();
                for (String l : c.licenses()) {
                    License license = new License();
                    license.setName(l);
                    lc.addLicense(license);
                }
                cc.setLicenses(lc);
            }
            if (!c.hashes().isEmpty()) {
                List<Hash> hashes = new ArrayList<>();
                c.hashes().forEach((alg, hex) -> hashes.add(new Hash(alg, hex)));
                cc.setHashes(hashes);
            }
            List<Property> properties = new ArrayList<>();
            properties.add(property("pipeline-integrity:foundIn", c.foundIn()));
            if (sbom.image() != null && sbom.image().layerDigests().containsKey(c.ref())) {
                properties.add(property("pipeline-integrity:layer", sbom.image().layerDigests().get(c.ref())));
            }
            cc.setProperties(properties);
            components.add(cc);
        }
        bom.setComponents(components);
        bom.setDependencies(dependencies(sbom));
        return bom;
    }

    /** The dependency graph where the files give it: each component's edges to components in this SBOM. */
    private static List<Dependency> dependencies(SbomGenerator.Sbom sbom) {
        java.util.Set<String> refs = new java.util.HashSet<>();
        sbom.components().forEach(c -> refs.add(c.ref()));
        List<Dependency> out = new ArrayList<>();
        for (Component c : sbom.components()) {
            List<String> to = c.dependsOn().stream().filter(refs::contains).toList();
            if (to.isEmpty()) {
                continue;
            }
            Dependency d = new Dependency(c.ref());
            to.forEach(r -> d.addDependency(new Dependency(r)));
            out.add(d);
        }
        return out;
    }

    private static org.cyclonedx.model.Component directory(String name) {
        org.cyclonedx.model.Component subject = new org.cyclonedx.model.Component();
        subject.setType(org.cyclonedx.model.Component.Type.APPLICATION);
        subject.setName(name);
        return subject;
    }

    /**
     * The image as the SBOM's subject: a container named by its reference, with its manifest digest as its
     * SHA-256 hash and in an OCI package URL (https://github.com/package-url/purl-spec, type oci).
     */
    private static org.cyclonedx.model.Component image(SbomGenerator.ImageSubject subject) {
        ResolvedImage image = subject.image();
        org.cyclonedx.model.Component c = new org.cyclonedx.model.Component();
        c.setType(org.cyclonedx.model.Component.Type.CONTAINER);
        c.setName(image.name());
        List<Property> properties = new ArrayList<>();
        if (image.manifestDigest() != null) {
            c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, image.manifestDigest().hex())));
            c.setBomRef(image.manifestDigest().toString());
            c.setPurl(ociPurl(image));
        } else {
            c.setBomRef(image.configDigest().toString());
        }
        properties.add(property("pipeline-integrity:image:configDigest", image.configDigest().toString()));
        if (image.platform() != null) {
            properties.add(property("pipeline-integrity:image:platform", image.platform().toString()));
        }
        for (Layer l : image.layers()) {
            properties.add(property("pipeline-integrity:image:layer:" + l.index(), l.id()));
        }
        c.setProperties(properties);
        return c;
    }

    /** pkg:oci/NAME@DIGEST?repository_url=REGISTRY/REPOSITORY for an image from a registry, else without it. */
    static String ociPurl(ResolvedImage image) {
        String name = image.name();
        String repository = null;
        try {
            ImageReference ref = ImageReference.parse(name);
            if (ref.transport() == ImageReference.Transport.REGISTRY) {
                repository = ref.registry() + "/" + ref.repository();
                name = ref.repository();
            } else {
                name = ref.path().getFileName() == null ? "image" : ref.path().getFileName().toString();
            }
        } catch (IllegalArgumentException e) {
            name = "image";
        }
        String last = name.substring(name.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        String digest = image.manifestDigest().toString().replace(":", "%3A");
        return "pkg:oci/" + java.net.URLEncoder.encode(last, java.nio.charset.StandardCharsets.UTF_8) + "@" + digest
                + (repository == null ? "" : "?repository_url=" + java.net.URLEncoder.encode(repository,
                        java.nio.charset.StandardCharsets.UTF_8).replace("%2F", "/").replace("%3A", ":"));
    }

    private static Property property(String name, String value) {
        Property p = new Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }
}
