package io.jenkins.plugins.integrity.deploy;

import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** The Compose rules of {@link DeployRules}, on every service: privileged, the Docker socket, host network, caps. */
final class ComposeCheck {
    private static final Set<String> DANGEROUS_CAPS = Set.of("ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE",
            "SYS_MODULE", "DAC_READ_SEARCH", "SYS_RAWIO", "BPF");

    private ComposeCheck() {}

    /** Whether a document is a Compose file: a top-level {@code services} mapping, and no Kubernetes kind. */
    static boolean isCompose(Node doc) {
        return YamlDocuments.get(doc, "services") instanceof MappingNode && !KubernetesCheck.isObject(doc);
    }

    /** @param images told of every service's image, where the file names it */
    static List<Finding> check(String file, int index, Node doc, java.util.function.Consumer<ImageUse> images) {
        List<Finding> out = new ArrayList<>();
        if (!(YamlDocuments.get(doc, "services") instanceof MappingNode services)) {
            return out;
        }
        for (NodeTuple t : services.getValue()) {
            String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "(unnamed)";
            Node svc = t.getValueNode();
            String where = "services." + name;
            Node image = YamlDocuments.get(svc, "image");
            if (YamlDocuments.text(image) != null) {
                images.accept(new ImageUse(file, index, "service " + name, where + ".image", YamlDocuments.line(image),
                        YamlDocuments.text(image)));
            }
            Node privileged = YamlDocuments.get(svc, "privileged");
            if (YamlDocuments.isTrue(privileged)) {
                out.add(finding("compose-privileged", file, index, where + ".privileged", privileged, "service " + name
                        + " is privileged"));
            }
            Node network = YamlDocuments.get(svc, "network_mode");
            if ("host".equals(YamlDocuments.text(network))) {
                out.add(finding("compose-host-network", file, index, where + ".network_mode", network, "service " + name
                        + " uses the host's network"));
            }
            for (String ns : List.of("pid", "ipc", "userns_mode")) {
                Node mode = YamlDocuments.get(svc, ns);
                if ("host".equals(YamlDocuments.text(mode))) {
                    out.add(finding("compose-host-namespace", file, index, where + "." + ns, mode, "service " + name
                            + " uses the host's " + (ns.equals("userns_mode") ? "user" : ns) + " namespace"));
                }
            }
            int o = 0;
            for (Node opt : YamlDocuments.items(YamlDocuments.get(svc, "security_opt"))) {
                String text = YamlDocuments.text(opt);
                String flat = text == null ? "" : text.toLowerCase(Locale.ROOT).replace('=', ':').replace(" ", "");
                if (flat.equals("seccomp:unconfined") || flat.equals("apparmor:unconfined")) {
                    out.add(finding("compose-unconfined", file, index, where + ".security_opt[" + o + "]", opt, "service "
                            + name + " runs with " + text));
                }
                o++;
            }
            int i = 0;
            for (Node v : YamlDocuments.items(YamlDocuments.get(svc, "volumes"))) {
                String source = YamlDocuments.text(v);
                if (source == null) {
                    source = YamlDocuments.text(YamlDocuments.get(v, "source"));
                } else {
                    source = source.split(":", 2)[0];
                }
                if (source != null && (source.endsWith("docker.sock") || source.endsWith("containerd.sock"))) {
                    out.add(finding("compose-docker-socket", file, index, where + ".volumes[" + i + "]", v, "service " + name
                            + " mounts " + source));
                }
                i++;
            }
            int k = 0;
            for (Node cap : YamlDocuments.items(YamlDocuments.get(svc, "cap_add"))) {
                String c = YamlDocuments.text(cap);
                String bare = c == null ? "" : c.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
                if (DANGEROUS_CAPS.contains(bare)) {
                    out.add(finding("compose-dangerous-capability", file, index, where + ".cap_add[" + k + "]", cap, "service "
                            + name + " adds " + bare));
                }
                k++;
            }
        }
        return out;
    }

    private static Finding finding(String rule, String file, int index, String path, Node at, String message) {
        DeployRule r = DeployRules.get(rule);
        return new Finding(rule, r.severity(), message + " (document " + (index + 1) + ", " + path + ")", new Location(
                file, YamlDocuments.line(at), 0, null), Digests.sha256Hex(DeployCheck.CHECK, rule, file,
                Integer.toString(index), path));
    }
}
