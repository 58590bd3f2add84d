package io.jenkins.plugins.integrity.deploy;

import io.jenkins.plugins.integrity.check.Severity;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The rules, as data: ids, severities, reasons, and their kube-linter or hadolint counterparts. */
public final class DeployRules {
    private DeployRules() {}

    /** A variable name that says it holds a secret (the Dockerfile, image and manifest rules share it). */
    static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile("(?i).*(passw(or)?d|secret|token"
            + "|api[_-]?key|private[_-]?key|access[_-]?key|credential).*");

    public static final List<DeployRule> ALL = List.of(
            // Dockerfiles
            new DeployRule("dockerfile-user-root", Severity.HIGH, "the image runs as root",
                    "a process that breaks out of the container is root on the host's kernel", "hadolint DL3002"),
            new DeployRule("dockerfile-add-url", Severity.MEDIUM, "ADD of a remote URL",
                    "what is fetched is neither pinned nor verified; use curl with a checksum, or COPY", "hadolint DL3020"),
            new DeployRule("dockerfile-base-unpinned", Severity.MEDIUM, "a base image by tag, not by digest",
                    "a tag can be moved to other content; FROM image@sha256:... cannot", "hadolint DL3006, DL3007"),
            new DeployRule("dockerfile-secret-in-build-arg", Severity.HIGH, "a secret in ARG or ENV",
                    "build arguments and environment stay in the image's history and configuration; use --mount=type=secret",
                    "hadolint (none); docker build check SecretsUsedInArgOrEnv"),
            new DeployRule("dockerfile-curl-pipe-shell", Severity.HIGH, "a script piped from the network to a shell",
                    "the script runs unreviewed and unverified", "hadolint DL4006 (pipefail)"),
            new DeployRule("dockerfile-apt-lists-kept", Severity.LOW, "apt-get install without removing its lists",
                    "the image keeps package lists it does not need", "hadolint DL3009"),
            new DeployRule("dockerfile-apk-cache-kept", Severity.LOW, "apk add without --no-cache",
                    "the image keeps the package index", "hadolint DL3019"),
            new DeployRule("dockerfile-sudo", Severity.MEDIUM, "sudo in a RUN",
                    "sudo in an image means a root escalation path; use USER", "hadolint DL3004"),
            new DeployRule("dockerfile-ssh", Severity.HIGH, "an SSH server, or port 22 exposed",
                    "a container is not a host to log in to; it widens lateral movement", "hadolint (none)"),
            new DeployRule("dockerfile-no-healthcheck", Severity.LOW, "no HEALTHCHECK",
                    "the engine cannot tell a hung service from a healthy one", "hadolint (none)"),
            // image configurations
            new DeployRule("image-user-root", Severity.HIGH, "the image's configuration runs it as root",
                    "a process that breaks out of the container is root on the host's kernel", "hadolint DL3002"),
            new DeployRule("image-ssh-port", Severity.HIGH, "port 22 exposed by the image",
                    "a container is not a host to log in to", "(none)"),
            new DeployRule("image-shell-entrypoint", Severity.LOW, "the process started through a shell (sh -c)",
                    "the shell, not the service, gets the signals; the service is not stopped cleanly",
                    "hadolint DL3025 (JSON form)"),
            new DeployRule("image-secret-in-env", Severity.HIGH, "a secret-looking environment variable with a value",
                    "the image's configuration is readable by whoever can pull it", "(none)"),
            new DeployRule("image-base-unpinned", Severity.MEDIUM, "a base image named without its digest",
                    "the base the image was built on cannot be told apart from a moved tag", "(none)"),
            // Kubernetes
            new DeployRule("k8s-privileged-container", Severity.CRITICAL, "a privileged container",
                    "a privileged container is root on the node, with every device", "kube-linter privileged-container"),
            new DeployRule("k8s-privilege-escalation", Severity.HIGH, "allowPrivilegeEscalation is not false",
                    "setuid binaries can gain more privileges than the process started with",
                    "kube-linter privilege-escalation-container"),
            new DeployRule("k8s-dangerous-capability", Severity.HIGH, "a dangerous capability added (SYS_ADMIN, NET_ADMIN,"
                    + " ALL ...)", "those capabilities are a container escape or a node's network",
                    "kube-linter privileged-container; Pod Security baseline"),
            new DeployRule("k8s-capabilities-not-dropped", Severity.MEDIUM, "capabilities.drop has neither ALL nor"
                    + " NET_RAW", "the runtime's default capabilities stay, NET_RAW among them (spoofed packets on the"
                    + " node's network)", "kube-linter drop-net-raw-capability; Pod Security restricted"),
            new DeployRule("k8s-host-namespace", Severity.HIGH, "hostNetwork, hostPID or hostIPC",
                    "the pod shares the node's network, processes or IPC", "kube-linter host-network, host-pid, host-ipc"),
            new DeployRule("k8s-sensitive-host-mount", Severity.CRITICAL, "a sensitive hostPath (docker.sock, /, /etc,"
                    + " /var/run, /proc, /sys ...)", "the container can take over the node or its container engine",
                    "kube-linter sensitive-host-mounts, docker-sock, writable-host-mount"),
            new DeployRule("k8s-run-as-root", Severity.HIGH, "may run as root (no runAsNonRoot, or runAsUser 0)",
                    "least privilege: a container's process should not be root", "kube-linter run-as-non-root"),
            new DeployRule("k8s-writable-root-fs", Severity.MEDIUM, "readOnlyRootFilesystem is not true",
                    "an attacker can write to the container's file system", "kube-linter no-read-only-root-fs"),
            new DeployRule("k8s-no-seccomp", Severity.LOW, "no seccomp profile (RuntimeDefault or Localhost)",
                    "the container can make every system call", "kube-linter (none); Pod Security restricted"),
            new DeployRule("k8s-missing-limits", Severity.MEDIUM, "no CPU or memory limits or requests",
                    "one pod can starve the node", "kube-linter unset-cpu-requirements, unset-memory-requirements"),
            new DeployRule("k8s-service-account-token", Severity.LOW, "the service account token is mounted",
                    "automountServiceAccountToken: false unless the pod talks to the API",
                    "kube-linter (none); CIS 5.1.6"),
            new DeployRule("k8s-image-unpinned", Severity.MEDIUM, "an image by tag (or :latest), not by digest",
                    "the tag can be moved to other content", "kube-linter latest-tag"),
            // only with a signature policy (check-deploy --key / --certificate-identity, checkDeployConfig
            // signatureKeyCredentialsId): the images manifests and Compose files name
            new DeployRule("k8s-image-unsigned", Severity.HIGH, "an image whose digest has no valid signature from a"
                    + " trusted key or identity", "nobody vouches for what the cluster will run; a pushed image can be"
                    + " anyone's", "Kyverno verifyImages, Sigstore policy-controller (admission-time)"),
            // any file found by walking a directory
            new DeployRule("deploy-file-unreadable", Severity.MEDIUM, "a deployment file that cannot be read",
                    "a manifest that is not valid YAML (or not text) is not checked; fix it, or render it first",
                    "(none)"),
            new DeployRule("k8s-env-secret", Severity.HIGH, "a secret-looking environment variable with a literal value",
                    "the value is in the manifest, in version control and in the API server; use valueFrom.secretKeyRef",
                    "kube-linter env-var-secret"),
            new DeployRule("k8s-ssh-port", Severity.HIGH, "containerPort 22",
                    "a container is not a host to log in to", "kube-linter ssh-port"),
            new DeployRule("k8s-unsafe-sysctls", Severity.HIGH, "a sysctl outside Kubernetes' safe set",
                    "unsafe sysctls reach the node's kernel, beyond the pod", "kube-linter unsafe-sysctls"),
            // Compose
            new DeployRule("compose-privileged", Severity.CRITICAL, "privileged: true",
                    "the container is root on the host, with every device", "(none)"),
            new DeployRule("compose-docker-socket", Severity.CRITICAL, "the Docker socket mounted",
                    "whoever has the socket has the host", "(none)"),
            new DeployRule("compose-host-network", Severity.HIGH, "network_mode: host",
                    "the container shares the host's network", "(none)"),
            new DeployRule("compose-dangerous-capability", Severity.HIGH, "cap_add of a dangerous capability",
                    "those capabilities are a container escape or the host's network", "(none)"),
            new DeployRule("compose-host-namespace", Severity.HIGH, "pid, ipc or userns_mode: host",
                    "the container sees the host's processes or shared memory, or runs in its user namespace",
                    "(none)"),
            new DeployRule("compose-unconfined", Severity.MEDIUM, "security_opt seccomp or apparmor unconfined",
                    "the kernel's syscall filter or the MAC profile that confine a container are turned off",
                    "(none)"));

    private static final Map<String, DeployRule> BY_ID = ALL.stream().collect(Collectors.toMap(DeployRule::id,
            Function.identity()));

    public static DeployRule get(String id) {
        DeployRule r = BY_ID.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no deploy rule " + id);
        }
        return r;
    }
}
