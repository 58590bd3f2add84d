package io.jenkins.plugins.integrity.deploy;

import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The Kubernetes rules of {@link DeployRules}, on every pod template of a manifest: Pods, Deployments,
 * StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs, CronJobs, and the items of a List. Each
 * finding names the file, the document's index, the object and the YAML path, at its line.
 */
final class KubernetesCheck {
    /** The kinds whose pod template is at spec.template (OpenShift's DeploymentConfig, Argo's Rollout too). */
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "ReplicationController", "Job", "DeploymentConfig", "Rollout");
    private static final Set<String> DANGEROUS_CAPS = Set.of("ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE",
            "SYS_MODULE", "DAC_READ_SEARCH", "NET_RAW", "SYS_RAWIO", "BPF", "PERFMON");
    private static final List<String> SENSITIVE_PATHS = List.of("/", "/etc", "/var/run", "/run", "/var/run/docker.sock",
            "/run/containerd", "/var/lib/kubelet", "/var/lib/docker", "/proc", "/sys", "/root", "/boot", "/dev",
            "/var/run/crio/crio.sock", "/run/containerd/containerd.sock");

    /** The sysctls Kubernetes deems safe (namespaced, isolated per pod). */
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

    private KubernetesCheck() {}

    /** Whether a document is a Kubernetes object (it names its apiVersion and kind). */
    static boolean isObject(Node doc) {
        return YamlDocuments.text(YamlDocuments.get(doc, "apiVersion")) != null
                && YamlDocuments.text(YamlDocuments.get(doc, "kind")) != null;
    }

    /** @param images told of every container's image, where the manifest names it */
    static List<Finding> check(String file, int index, Node doc, Consumer<ImageUse> images) {
        List<Finding> out = new ArrayList<>();
        String kind = YamlDocuments.text(YamlDocuments.get(doc, "kind"));
        if ("List".equals(kind) || (kind != null && kind.endsWith("List"))) {
            int i = 0;
            for (Node item : YamlDocuments.items(YamlDocuments.get(doc, "items"))) {
                out.addAll(object(file, index, item, "items[" + i++ + "].", images));
            }
            return out;
        }
        out.addAll(object(file, index, doc, "", images));
        return out;
    }

    private static List<Finding> object(String file, int index, Node obj, String prefix, Consumer<ImageUse> images) {
        String kind = YamlDocuments.text(YamlDocuments.get(obj, "kind"));
        String name = YamlDocuments.text(YamlDocuments.get(YamlDocuments.get(obj, "metadata"), "name"));
        Node spec = YamlDocuments.get(obj, "spec");
        Node pod = null;
        String path = null;
        if ("Pod".equals(kind)) {
            pod = spec;
            path = prefix + "spec";
        } else if (kind != null && WORKLOADS.contains(kind)) {
            pod = YamlDocuments.get(YamlDocuments.get(spec, "template"), "spec");
            path = prefix + "spec.template.spec";
        } else if ("PodTemplate".equals(kind)) {
            pod = YamlDocuments.get(YamlDocuments.get(obj, "template"), "spec");
            path = prefix + "template.spec";
        } else if ("ScaledJob".equals(kind)) {
            // KEDA: the Job's spec under jobTargetRef
            pod = YamlDocuments.get(YamlDocuments.get(YamlDocuments.get(spec, "jobTargetRef"), "template"), "spec");
            path = prefix + "spec.jobTargetRef.template.spec";
        } else if ("CronJob".equals(kind)) {
            pod = YamlDocuments.get(YamlDocuments.get(YamlDocuments.get(YamlDocuments.get(spec, "jobTemplate"), "spec"),
                    "template"), "spec");
            path = prefix + "spec.jobTemplate.spec.template.spec";
        }
        if (pod == null) {
            return List.of();
        }
        Subject s = new Subject(file, index, kind + "/" + (name == null ? "(unnamed)" : name));
        return pod(s, pod, path, images);
    }

    /** What findings name: the file, the document's index, and the object. */
    record Subject(String file, int index, String object) {}

    private static List<Finding> pod(Subject s, Node pod, String path, Consumer<ImageUse> images) {
        List<Finding> out = new ArrayList<>();
        for (String ns : List.of("hostNetwork", "hostPID", "hostIPC")) {
            Node n = YamlDocuments.get(pod, ns);
            if (YamlDocuments.isTrue(n)) {
                out.add(finding("k8s-host-namespace", s, path + "." + ns, n, ns + ": true"));
            }
        }
        Node automount = YamlDocuments.get(pod, "automountServiceAccountToken");
        if (automount == null || !"false".equalsIgnoreCase(YamlDocuments.text(automount))) {
            out.add(finding("k8s-service-account-token", s, path + ".automountServiceAccountToken", automount == null
                    ? pod : automount, "automountServiceAccountToken is not false"));
        }
        int v = 0;
        for (Node vol : YamlDocuments.items(YamlDocuments.get(pod, "volumes"))) {
            Node hostPath = YamlDocuments.get(vol, "hostPath");
            String p = YamlDocuments.text(YamlDocuments.get(hostPath, "path"));
            if (p != null && sensitive(p)) {
                out.add(finding("k8s-sensitive-host-mount", s, path + ".volumes[" + v + "].hostPath.path",
                        YamlDocuments.get(hostPath, "path"), "hostPath " + p));
            }
            v++;
        }
        Node podSecurity = YamlDocuments.get(pod, "securityContext");
        int sy = 0;
        for (Node sysctl : YamlDocuments.items(YamlDocuments.get(podSecurity, "sysctls"))) {
            String name = YamlDocuments.text(YamlDocuments.get(sysctl, "name"));
            if (name != null && !SAFE_SYSCTLS.contains(name)) {
                out.add(finding("k8s-unsafe-sysctls", s, path + ".securityContext.sysctls[" + sy + "]", sysctl,
                        "sysctl " + name + " is not in the safe set"));
            }
            sy++;
        }
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            int c = 0;
            for (Node container : YamlDocuments.items(YamlDocuments.get(pod, list))) {
                out.addAll(container(s, container, podSecurity, path + "." + list + "[" + c++ + "]",
                        !list.equals("containers"), images));
            }
        }
        return out;
    }

    private static List<Finding> container(Subject s, Node c, Node podSecurity, String path, boolean notMain,
            Consumer<ImageUse> images) {
        List<Finding> out = new ArrayList<>();
        String cname = YamlDocuments.text(YamlDocuments.get(c, "name"));
        String who = "container " + (cname == null ? "(unnamed)" : cname);
        Node sc = YamlDocuments.get(c, "securityContext");
        Node privileged = YamlDocuments.get(sc, "privileged");
        if (YamlDocuments.isTrue(privileged)) {
            out.add(finding("k8s-privileged-container", s, path + ".securityContext.privileged", privileged, who
                    + " is privileged"));
        }
        Node escalation = YamlDocuments.get(sc, "allowPrivilegeEscalation");
        if (escalation == null || !"false".equalsIgnoreCase(YamlDocuments.text(escalation))) {
            out.add(finding("k8s-privilege-escalation", s, path + ".securityContext.allowPrivilegeEscalation",
                    escalation == null ? c : escalation, who + ": allowPrivilegeEscalation is not false"));
        }
        int k = 0;
        for (Node cap : YamlDocuments.items(YamlDocuments.get(YamlDocuments.get(sc, "capabilities"), "add"))) {
            String name = YamlDocuments.text(cap);
            String bare = name == null ? "" : name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
            if (DANGEROUS_CAPS.contains(bare)) {
                out.add(finding("k8s-dangerous-capability", s, path + ".securityContext.capabilities.add[" + k + "]", cap,
                        who + " adds " + bare));
            }
            k++;
        }
        boolean dropped = false;
        for (Node cap : YamlDocuments.items(YamlDocuments.get(YamlDocuments.get(sc, "capabilities"), "drop"))) {
            String name = YamlDocuments.text(cap);
            String bare = name == null ? "" : name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
            dropped |= bare.equals("ALL") || bare.equals("NET_RAW");
        }
        if (!dropped) {
            Node caps = YamlDocuments.get(sc, "capabilities");
            out.add(finding("k8s-capabilities-not-dropped", s, path + ".securityContext.capabilities.drop", caps != null
                    ? caps : sc != null ? sc : c, who + ": capabilities.drop has neither ALL nor NET_RAW"));
        }
        String nonRoot = value(sc, podSecurity, "runAsNonRoot");
        String user = value(sc, podSecurity, "runAsUser");
        if ("0".equals(user) || !"true".equalsIgnoreCase(nonRoot) && (user == null || user.equals("0"))) {
            out.add(finding("k8s-run-as-root", s, path + ".securityContext", sc == null ? c : sc, who
                    + ("0".equals(user) ? " runs as user 0" : ": no runAsNonRoot: true and no runAsUser other than 0")));
        }
        Node readOnly = YamlDocuments.get(sc, "readOnlyRootFilesystem");
        if (!YamlDocuments.isTrue(readOnly)) {
            out.add(finding("k8s-writable-root-fs", s, path + ".securityContext.readOnlyRootFilesystem", readOnly == null
                    ? c : readOnly, who + ": readOnlyRootFilesystem is not true"));
        }
        String seccomp = YamlDocuments.text(YamlDocuments.get(YamlDocuments.get(sc, "seccompProfile"), "type"));
        if (seccomp == null) {
            seccomp = YamlDocuments.text(YamlDocuments.get(YamlDocuments.get(podSecurity, "seccompProfile"), "type"));
        }
        if (seccomp == null || !(seccomp.equals("RuntimeDefault") || seccomp.equals("Localhost"))) {
            out.add(finding("k8s-no-seccomp", s, path + ".securityContext.seccompProfile", sc == null ? c : sc, who
                    + (seccomp == null ? ": no seccomp profile" : ": seccomp profile " + seccomp)));
        }
        if (!notMain) {
            Node resources = YamlDocuments.get(c, "resources");
            List<String> missing = new ArrayList<>();
            for (String kind : List.of("limits", "requests")) {
                for (String r : List.of("cpu", "memory")) {
                    if (YamlDocuments.get(YamlDocuments.get(resources, kind), r) == null) {
                        missing.add(kind + "." + r);
                    }
                }
            }
            if (!missing.isEmpty()) {
                out.add(finding("k8s-missing-limits", s, path + ".resources", resources == null ? c : resources, who
                        + " has no " + String.join(", ", missing)));
            }
        }
        int e = 0;
        for (Node env : YamlDocuments.items(YamlDocuments.get(c, "env"))) {
            String name = YamlDocuments.text(YamlDocuments.get(env, "name"));
            String value = YamlDocuments.text(YamlDocuments.get(env, "value"));
            if (name != null && value != null && !value.isBlank() && DeployRules.SECRET_NAME.matcher(name).matches()) {
                out.add(finding("k8s-env-secret", s, path + ".env[" + e + "].value", YamlDocuments.get(env, "value"), who
                        + ": " + name + " has a literal value (not shown here)"));
            }
            e++;
        }
        int pt = 0;
        for (Node port : YamlDocuments.items(YamlDocuments.get(c, "ports"))) {
            if ("22".equals(YamlDocuments.text(YamlDocuments.get(port, "containerPort")))) {
                out.add(finding("k8s-ssh-port", s, path + ".ports[" + pt + "].containerPort", YamlDocuments.get(port,
                        "containerPort"), who + " exposes port 22"));
            }
            pt++;
        }
        Node image = YamlDocuments.get(c, "image");
        String ref = YamlDocuments.text(image);
        if (ref != null) {
            images.accept(new ImageUse(s.file(), s.index(), s.object(), path + ".image", YamlDocuments.line(image), ref));
        }
        if (ref != null && !ref.contains("@sha256:")) {
            out.add(finding("k8s-image-unpinned", s, path + ".image", image, who + " image " + ref
                    + " is not pinned by digest"));
        }
        return out;
    }

    private static String value(Node container, Node pod, String key) {
        String v = YamlDocuments.text(YamlDocuments.get(container, key));
        return v != null ? v : YamlDocuments.text(YamlDocuments.get(pod, key));
    }

    static boolean sensitive(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return SENSITIVE_PATHS.contains(p) || p.endsWith("docker.sock") || p.endsWith("containerd.sock")
                || p.endsWith("crio.sock");
    }

    private static Finding finding(String rule, Subject s, String path, Node at, String message) {
        DeployRule r = DeployRules.get(rule);
        String full = s.object() + " (document " + (s.index() + 1) + ", " + path + "): " + message;
        return new Finding(rule, r.severity(), full, new Location(s.file(), YamlDocuments.line(at), 0, null),
                Digests.sha256Hex(DeployCheck.CHECK, rule, s.file(), Integer.toString(s.index()), path));
    }
}
