package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.report.ToolInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
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
        org.cyclonedx.model.Component subject = new org.cyclonedx.model.Component();
        subject.setType(org.cyclonedx.model.Component.Type.APPLICATION);
        subject.setName(sbom.subject());
        metadata.setComponent(subject);
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
            Property found = new Property();
            found.setName("pipeline-integrity:foundIn");
            found.setValue(c.foundIn());
            cc.setProperties(List.of(found));
            components.add(cc);
        }
        bom.setComponents(components);
        return bom;
    }
}
