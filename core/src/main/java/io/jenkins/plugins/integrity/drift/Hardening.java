package io.jenkins.plugins.integrity.drift;

import io.jenkins.plugins.integrity.check.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The risks of a controller's configuration as it is, without a baseline (the first run, or beside the drift):
 * security off, anonymous or every logged-in user administering, signup open, no CSRF protection,
 * agent-to-controller security off, an HTML markup formatter, dangerous script approvals, Pipelines outside the
 * sandbox, builds on the built-in node, update sites not over HTTPS, init scripts. Rules in {@code docs/drift.md}.
 */
public final class Hardening {
    /** A risk of the configuration as it is. */
    public record Gap(String rule, Severity severity, SnapshotItem item, String message) {}

    private Hardening() {}

    /** Whether the markup formatter renders HTML rather than escaping it. */
    static boolean unsafeFormatter(String cls) {
        return cls != null && !cls.equals("hudson.markup.EscapedMarkupFormatter")
                && !cls.equals("hudson.markup.MarkupFormatter") && !cls.endsWith("PlainTextMarkupFormatter");
    }

    public static List<Gap> assess(ControllerSnapshot s) {
        List<Gap> out = new ArrayList<>();
        SnapshotItem realm = s.item("setting", "securityRealm");
        SnapshotItem useSecurity = s.item("setting", "useSecurity");
        if (useSecurity != null && "false".equals(useSecurity.get("value"))) {
            out.add(new Gap("hardening-security-disabled", Severity.CRITICAL, useSecurity, "security is disabled: anyone"
                    + " can administer the controller"));
        }
        if (realm != null && realm.get("class").endsWith("SecurityRealm$None")) {
            out.add(new Gap("hardening-no-security-realm", Severity.CRITICAL, realm, "no security realm: nobody logs in"));
        }
        if (realm != null && "hudson.security.HudsonPrivateSecurityRealm".equals(realm.get("class"))
                && "false".equals(realm.get("disableSignup"))) {
            out.add(new Gap("hardening-signup-allowed", Severity.HIGH, realm, "anyone can sign up for an account"));
        }
        for (SnapshotItem g : s.ofKind(Grants.KIND)) {
            boolean admin = Grants.ADMINISTER.equals(g.get("permission"));
            if (Grants.ANONYMOUS.equals(g.get("sid"))) {
                out.add(new Gap(admin ? "hardening-anonymous-administer" : "hardening-anonymous-access",
                        admin ? Severity.CRITICAL : Severity.MEDIUM, g, "anonymous users hold "
                        + Grants.readable(g.get("permission"))));
            } else if (admin && Grants.AUTHENTICATED.equals(g.get("sid"))) {
                out.add(new Gap("hardening-authenticated-administer", Severity.HIGH, g, "every logged-in user holds"
                        + " Overall/Administer"));
            }
        }
        SnapshotItem strategy = s.item("setting", "authorizationStrategy");
        if (strategy != null && "hudson.security.LegacyAuthorizationStrategy".equals(strategy.get("class"))) {
            out.add(new Gap("hardening-legacy-authorization", Severity.HIGH, strategy, "the legacy authorization mode"
                    + " is in use"));
        }
        SnapshotItem crumb = s.item("setting", "crumbIssuer");
        if (crumb != null && "none".equals(crumb.get("class"))) {
            out.add(new Gap("hardening-csrf-disabled", Severity.HIGH, crumb, "no CSRF crumb issuer: CSRF protection"
                    + " is off"));
        }
        SnapshotItem agents = s.item("setting", "agentToControllerSecurity");
        if (agents != null && "false".equals(agents.get("enabled"))) {
            out.add(new Gap("hardening-agent-security-disabled", Severity.HIGH, agents, "agent-to-controller security"
                    + " is off (secrets/slave-to-master-security-kill-switch)"));
        }
        SnapshotItem markup = s.item("setting", "markupFormatter");
        if (markup != null && unsafeFormatter(markup.get("class"))) {
            out.add(new Gap("hardening-markup-raw-html", Severity.HIGH, markup, "the markup formatter renders HTML ("
                    + markup.get("class") + ")"));
        }
        SnapshotItem builtIn = s.item("setting", "builtInNode");
        if (builtIn != null && !"0".equals(builtIn.get("executors"))) {
            out.add(new Gap("hardening-built-in-executors", Severity.MEDIUM, builtIn, "the built-in node runs builds ("
                    + builtIn.get("executors") + " executors): a build there can read the controller's files"));
        }
        for (SnapshotItem a : s.ofKind("scriptApproval")) {
            if ("true".equals(a.get("dangerous"))) {
                out.add(new Gap("hardening-dangerous-approval", Severity.HIGH, a, "the approved signature '"
                        + a.id().substring(a.id().indexOf(':') + 1) + "' lets sandboxed scripts escape the sandbox"));
            } else if (a.id().startsWith("classpath:")) {
                out.add(new Gap("hardening-classpath-approval", Severity.MEDIUM, a, "an approved classpath entry runs"
                        + " outside the sandbox"));
            }
        }
        for (SnapshotItem j : s.ofKind(JobReader.KIND)) {
            if ("false".equals(j.get("sandbox"))) {
                out.add(new Gap("hardening-job-unsandboxed", Severity.MEDIUM, j, "the job " + j.id() + " runs its"
                        + " Pipeline script outside the sandbox"));
            }
            if ("true".equals(j.get("systemGroovy"))) {
                out.add(new Gap("hardening-system-groovy", Severity.MEDIUM, j, "the job " + j.id() + " runs system Groovy"
                        + " on the controller"));
            }
        }
        for (SnapshotItem u : s.ofKind("updateSite")) {
            String url = u.get("url");
            if (url != null && !url.startsWith("https://")) {
                out.add(new Gap("hardening-update-site-insecure", Severity.HIGH, u, "the update site " + u.id()
                        + " is not fetched over HTTPS (" + url + ")"));
            }
        }
        for (SnapshotItem i : s.ofKind("initScript")) {
            out.add(new Gap("hardening-init-script", Severity.LOW, i, "the init script " + i.id() + " runs at every"
                    + " start with full rights: review it"));
        }
        for (SnapshotItem l : s.ofKind("library")) {
            if ("true".equals(l.get("trusted")) && "true".equals(l.get("allowVersionOverride"))) {
                out.add(new Gap("hardening-library-version-override", Severity.MEDIUM, l, "the global library " + l.id()
                        + " runs outside the sandbox and any Jenkinsfile may choose its version"));
            }
        }
        for (SnapshotItem u : s.ofKind("user")) {
            if ("true".equals(u.get("legacyApiToken"))) {
                out.add(new Gap("hardening-legacy-api-token", Severity.LOW, u, "the user " + u.id() + " has a legacy"
                        + " API token"));
            }
        }
        return out;
    }
}
