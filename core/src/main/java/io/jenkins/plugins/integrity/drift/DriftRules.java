package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a controller snapshot with its approved baseline and judges each difference by the rules of
 * {@code docs/drift.md}: the security realm or authorization strategy changed, a new Overall/Administer grant,
 * anonymous rights widened: CRITICAL; CSRF protection off, agent-to-controller security off, an init script added
 * or changed, a plugin downgraded, a dangerous script approval, a raw HTML markup formatter, a job taken out of
 * the sandbox, a trusted library or update site changed: HIGH; a new plugin, node, cloud, grant or credential:
 * MEDIUM; a new job: INFO; and so on for the rest.
 */
public final class DriftRules {
    private DriftRules() {}

    public static List<Drift> compare(ControllerSnapshot baseline, ControllerSnapshot current) {
        Map<String, SnapshotItem> before = baseline.byKey();
        Map<String, SnapshotItem> after = current.byKey();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<Drift> out = new ArrayList<>();
        for (String k : keys) {
            SnapshotItem b = before.get(k);
            SnapshotItem a = after.get(k);
            if (b != null && a != null && b.attributes().equals(a.attributes())) {
                continue;
            }
            out.add(judge(b, a));
        }
        return out;
    }

    static Drift judge(SnapshotItem b, SnapshotItem a) {
        SnapshotItem i = a != null ? a : b;
        String what = describe(i);
        if (b == null) {
            return added(i, what);
        }
        if (a == null) {
            return removed(i, what);
        }
        return changed(b, a, what);
    }

    private static Drift added(SnapshotItem a, String what) {
        return switch (a.kind()) {
            case "grant" -> {
                boolean admin = Grants.ADMINISTER.equals(a.get("permission"));
                boolean anonymous = Grants.ANONYMOUS.equals(a.get("sid"));
                yield admin || anonymous ? drift(admin ? "drift-administer-granted" : "drift-anonymous-granted",
                        Severity.CRITICAL, null, a, what + " granted" + (anonymous ? " (anonymous rights widened)" : ""))
                        : drift("drift-grant-added", Severity.MEDIUM, null, a, what + " granted");
            }
            case "initScript" -> drift("drift-init-script-added", Severity.HIGH, null, a, what + " added (it runs at"
                    + " every start with full rights)");
            case "scriptApproval" -> approvalAdded(a, what);
            case "plugin" -> drift("drift-plugin-added", Severity.MEDIUM, null, a, what + " installed");
            case "node", "cloud" -> drift("drift-" + a.kind() + "-added", Severity.MEDIUM, null, a, what + " added");
            case "credential" -> drift("drift-credential-added", Severity.MEDIUM, null, a, what + " added");
            case "library" -> drift("drift-library-added", "true".equals(a.get("trusted")) ? Severity.HIGH : Severity.MEDIUM,
                    null, a, what + " added" + ("true".equals(a.get("trusted")) ? " (global libraries run outside the"
                            + " sandbox)" : ""));
            case "updateSite" -> drift("drift-update-site-added", Severity.HIGH, null, a, what + " added (" + a.get("url")
                    + ")");
            case "job" -> "false".equals(a.get("sandbox")) ? drift("drift-job-unsandboxed", Severity.HIGH, null, a, what
                    + " added with a Pipeline script outside the sandbox") : drift("drift-job-added", Severity.INFO, null,
                    a, what + " added");
            case "user" -> drift("drift-user-added", Severity.LOW, null, a, what + " added");
            case "casc" -> drift("drift-casc-added", Severity.MEDIUM, null, a, what + " added");
            default -> drift("drift-" + a.kind() + "-added", Severity.MEDIUM, null, a, what + " added");
        };
    }

    private static Drift approvalAdded(SnapshotItem a, String what) {
        if ("true".equals(a.get("dangerous"))) {
            return drift("drift-dangerous-approval", Severity.HIGH, null, a, what + " approved: it lets sandboxed"
                    + " scripts escape the sandbox");
        }
        if (a.id().startsWith("classpath:")) {
            return drift("drift-classpath-approval", Severity.HIGH, null, a, what + " approved: its code runs outside"
                    + " the sandbox");
        }
        return drift("drift-approval-added", Severity.MEDIUM, null, a, what + " approved");
    }

    private static Drift removed(SnapshotItem b, String what) {
        return switch (b.kind()) {
            case "initScript" -> drift("drift-init-script-removed", Severity.MEDIUM, b, null, what + " removed");
            case "plugin" -> drift("drift-plugin-removed", Severity.LOW, b, null, what + " uninstalled");
            case "job" -> drift("drift-job-removed", Severity.INFO, b, null, what + " removed");
            case "setting" -> removedSetting(b, what);
            default -> drift("drift-" + b.kind() + "-removed", Severity.LOW, b, null, what + " removed");
        };
    }

    private static Drift removedSetting(SnapshotItem b, String what) {
        return drift("drift-setting-removed", Severity.MEDIUM, b, null, what + " is no longer reported");
    }

    private static Drift changed(SnapshotItem b, SnapshotItem a, String what) {
        String diff = diff(b, a);
        return switch (a.kind()) {
            case "setting" -> changedSetting(b, a, what, diff);
            case "initScript" -> drift("drift-init-script-changed", Severity.HIGH, b, a, what + " changed");
            case "plugin" -> changedPlugin(b, a, what);
            case "job" -> "true".equals(b.get("sandbox")) && "false".equals(a.get("sandbox"))
                    ? drift("drift-job-unsandboxed", Severity.HIGH, b, a, what + ": its Pipeline script now runs outside"
                            + " the sandbox")
                    : drift("drift-job-changed", Severity.LOW, b, a, what + " changed: " + diff);
            case "library" -> drift("drift-library-changed", "true".equals(a.get("trusted")) ? Severity.HIGH
                    : Severity.MEDIUM, b, a, what + " changed: " + diff);
            case "updateSite" -> drift("drift-update-site-changed", Severity.HIGH, b, a, what + " changed: " + diff);
            case "user" -> Integer.parseInt(orZero(a.get("apiTokens"))) > Integer.parseInt(orZero(b.get("apiTokens")))
                    ? drift("drift-api-token-added", Severity.MEDIUM, b, a, what + " has a new API token: " + diff)
                    : drift("drift-user-changed", Severity.LOW, b, a, what + " changed: " + diff);
            case "node", "cloud" -> drift("drift-" + a.kind() + "-changed", Severity.MEDIUM, b, a, what + " changed: "
                    + diff);
            case "casc" -> drift("drift-casc-changed", Severity.MEDIUM, b, a, what + " changed");
            default -> drift("drift-" + a.kind() + "-changed", Severity.MEDIUM, b, a, what + " changed: " + diff);
        };
    }

    private static Drift changedSetting(SnapshotItem b, SnapshotItem a, String what, String diff) {
        return switch (a.id()) {
            case "securityRealm" -> drift("drift-security-realm-changed", Severity.CRITICAL, b, a, what + " changed: " + diff);
            case "authorizationStrategy" -> drift("drift-authorization-changed", Severity.CRITICAL, b, a, what
                    + " changed: " + diff);
            case "useSecurity" -> drift("drift-security-disabled", "false".equals(a.get("value")) ? Severity.CRITICAL
                    : Severity.MEDIUM, b, a, what + " changed: " + diff);
            case "crumbIssuer" -> "none".equals(a.get("class"))
                    ? drift("drift-csrf-disabled", Severity.HIGH, b, a, "CSRF protection turned off (no crumb issuer)")
                    : drift("drift-crumb-issuer-changed", Severity.MEDIUM, b, a, what + " changed: " + diff);
            case "agentToControllerSecurity" -> "false".equals(a.get("enabled"))
                    ? drift("drift-agent-security-disabled", Severity.HIGH, b, a, "agent-to-controller security turned"
                            + " off")
                    : drift("drift-agent-security-changed", Severity.LOW, b, a, what + " changed: " + diff);
            case "markupFormatter" -> Hardening.unsafeFormatter(a.get("class"))
                    ? drift("drift-markup-raw-html", Severity.HIGH, b, a, "the markup formatter now renders HTML ("
                            + a.get("class") + ")")
                    : drift("drift-markup-changed", Severity.MEDIUM, b, a, what + " changed: " + diff);
            case "builtInNode" -> Integer.parseInt(orZero(a.get("executors"))) > 0
                    && Integer.parseInt(orZero(b.get("executors"))) == 0
                    ? drift("drift-built-in-executors", Severity.MEDIUM, b, a, "the built-in node now runs builds ("
                            + a.get("executors") + " executors)")
                    : drift("drift-setting-changed", Severity.LOW, b, a, what + " changed: " + diff);
            case "forceSandbox" -> drift("drift-setting-changed", "false".equals(a.get("value")) ? Severity.HIGH
                    : Severity.LOW, b, a, what + " changed: " + diff);
            default -> drift("drift-setting-changed", Severity.MEDIUM, b, a, what + " changed: " + diff);
        };
    }

    private static Drift changedPlugin(SnapshotItem b, SnapshotItem a, String what) {
        int c = PluginVersions.compare(orZero(a.get("version")), orZero(b.get("version")));
        if (!Objects.equals(a.get("version"), b.get("version"))) {
            if (c < 0) {
                return drift("drift-plugin-downgraded", Severity.HIGH, b, a, what + " downgraded from " + b.get("version")
                        + " to " + a.get("version"));
            }
            return drift(c > 0 ? "drift-plugin-upgraded" : "drift-plugin-changed", c > 0 ? Severity.INFO : Severity.MEDIUM,
                    b, a, what + (c > 0 ? " upgraded" : " changed") + " from " + b.get("version") + " to " + a.get("version"));
        }
        boolean disabled = "false".equals(a.get("enabled"));
        return drift(disabled ? "drift-plugin-disabled" : "drift-plugin-enabled", Severity.LOW, b, a, what
                + (disabled ? " disabled" : " enabled"));
    }

    private static String orZero(String v) {
        return v == null || v.isEmpty() ? "0" : v;
    }

    /** {@code name: old -> new} for each attribute that differs. */
    static String diff(SnapshotItem b, SnapshotItem a) {
        Set<String> names = new TreeSet<>(b.attributes().keySet());
        names.addAll(a.attributes().keySet());
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            String x = b.get(n);
            String y = a.get(n);
            if (!Objects.equals(x, y)) {
                parts.add(n + ": " + (x == null ? "(none)" : x) + " -> " + (y == null ? "(none)" : y));
            }
        }
        return String.join(", ", parts);
    }

    /** The item in words: {@code the plugin git}, {@code Overall/Administer for GROUP authenticated}. */
    static String describe(SnapshotItem i) {
        return switch (i.kind()) {
            case "grant" -> Grants.readable(i.get("permission")) + " for " + i.get("type") + " " + i.get("sid");
            case "setting" -> "the setting " + i.id();
            case "scriptApproval" -> "the script approval '" + i.id() + "'";
            case "initScript" -> "the init script " + i.id();
            case "casc" -> "the JCasC file " + i.id();
            case "updateSite" -> "the update site " + i.id();
            default -> "the " + i.kind() + " " + i.id();
        };
    }

    private static Drift drift(String rule, Severity s, SnapshotItem b, SnapshotItem a, String message) {
        return new Drift(rule, s, b, a, message);
    }
}
