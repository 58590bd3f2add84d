package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.SafeXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The credentials of a store ({@code credentials.xml}, a folder's credentials property, a user's), as their ids,
 * types and scopes only: the {@code domainCredentialsMap} of the Credentials plugin, one entry per domain. The
 * encrypted values in the same elements are never read.
 */
final class CredentialIds {
    static final String KIND = "credential";

    private CredentialIds() {}

    /** @param store {@code system}, {@code folder:FULL/NAME} or {@code user:ID} */
    static List<SnapshotItem> of(Element domainCredentialsMap, String store) {
        List<SnapshotItem> out = new ArrayList<>();
        for (Element entry : SafeXml.children(domainCredentialsMap)) {
            if (!entry.getTagName().equals("entry")) {
                continue;
            }
            List<Element> parts = SafeXml.children(entry);
            if (parts.size() != 2) {
                continue;
            }
            String domain = GlobalConfigReader.orDefault(SafeXml.text(parts.get(0), "name"), "_");
            for (Element c : SafeXml.children(parts.get(1))) {
                String id = SafeXml.text(c, "id");
                if (id == null || id.isEmpty()) {
                    continue;
                }
                out.add(SnapshotItem.of(KIND, store + "/" + domain + "/" + id, Map.of("type", c.getTagName(),
                        "scope", GlobalConfigReader.orDefault(SafeXml.text(c, "scope"), ""))));
            }
        }
        return out;
    }
}
