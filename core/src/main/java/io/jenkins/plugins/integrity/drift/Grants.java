package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.SafeXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Who holds which global permission under an authorization strategy, as {@code grant} items: the matrix
 * strategies' {@code <permission>TYPE:PERMISSION:SID</permission>} (and the older {@code PERMISSION:SID}),
 * role-strategy's global roles, and what the built-in strategies mean (anyone can do anything; logged-in users
 * can do anything, anonymous users may read unless denied; legacy: the {@code admin} role administers).
 */
public final class Grants {
    public static final String ADMINISTER = "hudson.model.Hudson.Administer";
    public static final String READ = "hudson.model.Hudson.Read";
    public static final String ANONYMOUS = "anonymous";
    public static final String AUTHENTICATED = "authenticated";
    static final String KIND = "grant";

    private Grants() {}

    /** The grant item of a permission to a sid ({@code USER}, {@code GROUP} or {@code EITHER}). */
    static SnapshotItem grant(String permission, String type, String sid) {
        return SnapshotItem.of(KIND, permission + "|" + type + ":" + sid, Map.of("permission", permission, "type", type,
                "sid", sid));
    }

    /** The readable name of a permission id: {@code hudson.model.Hudson.Administer} is Overall/Administer. */
    public static String readable(String permission) {
        return switch (permission) {
            case ADMINISTER -> "Overall/Administer";
            case READ -> "Overall/Read";
            case "hudson.model.Hudson.RunScripts" -> "Overall/RunScripts";
            case "hudson.model.Hudson.ConfigureUpdateCenter" -> "Overall/ConfigureUpdateCenter";
            case "hudson.model.Hudson.UploadPlugins" -> "Overall/UploadPlugins";
            case "hudson.model.Hudson.Manage" -> "Overall/Manage";
            case "hudson.model.Hudson.SystemRead" -> "Overall/SystemRead";
            default -> {
                int dot = permission.lastIndexOf('.');
                int prev = dot < 0 ? -1 : permission.lastIndexOf('.', dot - 1);
                yield dot < 0 ? permission : permission.substring(prev + 1, dot) + "/" + permission.substring(dot + 1);
            }
        };
    }

    /** The grants of a strategy element of config.xml (null: no strategy configured, which is unsecured). */
    static List<SnapshotItem> of(Element strategy) {
        List<SnapshotItem> out = new ArrayList<>();
        String cls = strategy == null ? "hudson.security.AuthorizationStrategy$Unsecured" : strategy.getAttribute("class");
        switch (cls) {
            case "hudson.security.AuthorizationStrategy$Unsecured" -> out.add(grant(ADMINISTER, "EITHER", ANONYMOUS));
            case "hudson.security.FullControlOnceLoggedInAuthorizationStrategy" -> {
                out.add(grant(ADMINISTER, "GROUP", AUTHENTICATED));
                if (!"true".equals(SafeXml.text(strategy, "denyAnonymousReadAccess"))) {
                    out.add(grant(READ, "EITHER", ANONYMOUS));
                }
            }
            case "hudson.security.LegacyAuthorizationStrategy" -> {
                out.add(grant(ADMINISTER, "GROUP", "admin"));
                out.add(grant(READ, "EITHER", ANONYMOUS));
            }
            default -> {
                matrix(strategy, out);
                roles(strategy, out);
            }
        }
        return out;
    }

    private static void matrix(Element strategy, List<SnapshotItem> out) {
        for (Element p : SafeXml.children(strategy)) {
            if (!p.getTagName().equals("permission")) {
                continue;
            }
            String[] parts = p.getTextContent().strip().split(":", 3);
            if (parts.length == 3 && (parts[0].equals("USER") || parts[0].equals("GROUP") || parts[0].equals("EITHER"))) {
                out.add(grant(parts[1], parts[0], parts[2]));
            } else if (parts.length >= 2) {
                String text = p.getTextContent().strip();
                int colon = text.indexOf(':');
                out.add(grant(text.substring(0, colon), "EITHER", text.substring(colon + 1)));
            }
        }
    }

    /** role-strategy: the global roles' permissions, to each sid assigned the role. */
    private static void roles(Element strategy, List<SnapshotItem> out) {
        for (Element map : SafeXml.children(strategy)) {
            if (!map.getTagName().equals("roleMap") || !"globalRoles".equals(map.getAttribute("type"))) {
                continue;
            }
            for (Element role : SafeXml.children(SafeXml.child(map, "roles"))) {
                List<String> permissions = new ArrayList<>();
                for (Element p : SafeXml.children(SafeXml.child(role, "permissions"))) {
                    permissions.add(p.getTextContent().strip());
                }
                for (Element sid : SafeXml.children(SafeXml.child(role, "assignedSIDs"))) {
                    String type = sid.hasAttribute("type") ? sid.getAttribute("type") : "EITHER";
                    for (String perm : permissions) {
                        out.add(grant(perm, type, sid.getTextContent().strip()));
                    }
                }
            }
        }
    }
}
