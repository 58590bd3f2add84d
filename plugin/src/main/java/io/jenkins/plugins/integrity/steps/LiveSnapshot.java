package io.jenkins.plugins.integrity.steps;

import hudson.PluginWrapper;
import io.jenkins.plugins.integrity.drift.ControllerSnapshot;
import io.jenkins.plugins.integrity.drift.JenkinsHomeReader;
import io.jenkins.plugins.integrity.drift.SnapshotItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jenkins.model.Jenkins;

/**
 * The snapshot of the running controller: its JENKINS_HOME as saved, with what the live objects say instead where
 * disk and memory can differ: the security realm's and authorization strategy's classes, whether a crumb issuer
 * is in force (a system property can turn CSRF protection off with one still saved), the markup formatter, the
 * inbound agent port, the built-in node's executors, and the plugins actually loaded (a plugin that failed to
 * load is reported disabled).
 */
final class LiveSnapshot {
    private LiveSnapshot() {}

    static ControllerSnapshot take() {
        Jenkins j = Jenkins.get();
        ControllerSnapshot disk = new JenkinsHomeReader().read(j.getRootDir().toPath());
        Map<String, SnapshotItem> items = new TreeMap<>(disk.byKey());
        override(items, "securityRealm", "class", j.getSecurityRealm().getClass().getName());
        override(items, "authorizationStrategy", "class", j.getAuthorizationStrategy().getClass().getName());
        override(items, "crumbIssuer", "class", j.getCrumbIssuer() == null ? "none" : j.getCrumbIssuer().getClass()
                .getName());
        override(items, "markupFormatter", "class", j.getMarkupFormatter().getClass().getName());
        override(items, "agentPort", "value", Integer.toString(j.getSlaveAgentPort()));
        override(items, "builtInNode", "executors", Integer.toString(j.getNumExecutors()));
        for (PluginWrapper p : j.getPluginManager().getPlugins()) {
            Map<String, String> a = new TreeMap<>();
            a.put("version", p.getVersion());
            a.put("enabled", Boolean.toString(p.isActive()));
            items.put("plugin:" + p.getShortName(), SnapshotItem.of("plugin", p.getShortName(), a));
        }
        List<SnapshotItem> all = new ArrayList<>(items.values());
        return new ControllerSnapshot("live", Jenkins.VERSION, disk.takenAt(), all);
    }

    private static void override(Map<String, SnapshotItem> items, String setting, String attribute, String value) {
        SnapshotItem old = items.get("setting:" + setting);
        Map<String, String> a = new TreeMap<>(old == null ? Map.of() : old.attributes());
        if (value.equals(a.get(attribute))) {
            return;
        }
        if (attribute.equals("class")) {
            a.clear(); // the saved settings belong to the class that was saved
        }
        a.put(attribute, value);
        items.put("setting:" + setting, SnapshotItem.of("setting", setting, a));
    }
}
