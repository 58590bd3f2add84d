package io.jenkins.plugins.integrity.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.check.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each Kubernetes and Compose rule both ways; findings at file, document, YAML path and line; hostile YAML. */
class KubernetesCheckTest {
    @TempDir
    Path dir;

    static final String GOOD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: service
            spec:
              template:
                spec:
                  automountServiceAccountToken: false
                  securityContext:
                    runAsNonRoot: true
                    seccompProfile:
                      type: RuntimeDefault
                  containers:
                    - name: app
                      image: registry.example.com/team/service@sha256:%s
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities:
                          drop: [ALL]
                      resources:
                        limits: {cpu: 500m, memory: 256Mi}
                        requests: {cpu: 100m, memory: 128Mi}
            """.formatted("a".repeat(64));

    private CheckResult check(String name, String text) throws Exception {
        Path file = Files.writeString(dir.resolve(name), text);
        return DeployCheck.check(List.of(file), dir, List.of(), Gate.failOn(Severity.HIGH));
    }

    private List<String> rules(String text) throws Exception {
        return check("deploy.yaml", text).findings().stream().map(Finding::rule).toList();
    }

    @Test
    void aHardenedDeploymentHasNoFinding() throws Exception {
        assertThat(rules(GOOD)).isEmpty();
    }

    @Test
    void eachRuleFindsWhatItIsAbout() throws Exception {
        assertThat(rules(GOOD.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: false\n"
                + "            privileged: true"))).containsExactly("k8s-privileged-container");
        assertThat(rules(GOOD.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")))
                .containsExactly("k8s-privilege-escalation");
        assertThat(rules(GOOD.replace("drop: [ALL]", "add: [NET_ADMIN, CHOWN]"))).containsExactly(
                "k8s-dangerous-capability", "k8s-capabilities-not-dropped");
        assertThat(rules(GOOD.replace("drop: [ALL]", "{drop: [ALL], add: [SYS_ADMIN]}"))).containsExactly(
                "k8s-dangerous-capability");
        assertThat(rules(GOOD.replace("automountServiceAccountToken: false", "automountServiceAccountToken: false\n"
                + "      hostNetwork: true"))).containsExactly("k8s-host-namespace");
        assertThat(rules(GOOD.replace("automountServiceAccountToken: false", "automountServiceAccountToken: false\n"
                + "      volumes:\n        - name: docker\n          hostPath: {path: /var/run/docker.sock}")))
                .containsExactly("k8s-sensitive-host-mount");
        assertThat(rules(GOOD.replace("runAsNonRoot: true", "runAsUser: 0"))).containsExactly("k8s-run-as-root");
        assertThat(rules(GOOD.replace("runAsNonRoot: true", "runAsUser: 1000"))).isEmpty();
        assertThat(rules(GOOD.replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")))
                .containsExactly("k8s-writable-root-fs");
        assertThat(rules(GOOD.replace("type: RuntimeDefault", "type: Unconfined"))).containsExactly("k8s-no-seccomp");
        assertThat(rules(GOOD.replace("            limits: {cpu: 500m, memory: 256Mi}\n", "")))
                .containsExactly("k8s-missing-limits");
        assertThat(rules(GOOD.replace("automountServiceAccountToken: false", "automountServiceAccountToken: true")))
                .containsExactly("k8s-service-account-token");
        assertThat(rules(GOOD.replace("service@sha256:" + "a".repeat(64), "service:latest"))).containsExactly(
                "k8s-image-unpinned");
        String withEnv = GOOD.replace("          resources:", "          env:\n            - name: DB_PASSWORD\n"
                + "              value: \"" + "not-" + "shown\"\n            - name: API_TOKEN\n              valueFrom:\n"
                + "                secretKeyRef: {name: api, key: token}\n          resources:");
        assertThat(rules(withEnv)).containsExactly("k8s-env-secret");
        assertThat(check("deploy.yaml", withEnv).findings().toString()).doesNotContain("not-" + "shown");
        assertThat(rules(GOOD.replace("          resources:", "          ports:\n            - containerPort: 22\n"
                + "          resources:"))).containsExactly("k8s-ssh-port");
        assertThat(rules(GOOD.replace("runAsNonRoot: true", "runAsNonRoot: true\n        sysctls:\n"
                + "          - {name: net.ipv4.tcp_syncookies, value: \"1\"}\n          - {name: kernel.msgmax, value: \"65536\"}")))
                .containsExactly("k8s-unsafe-sysctls");
    }

    @Test
    void aFindingNamesTheFileDocumentObjectPathAndLine() throws Exception {
        String two = "apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n---\n"
                + GOOD.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: false\n"
                        + "            privileged: true");
        CheckResult r = check("app.yaml", two);
        Finding f = r.findings().get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.location().file()).isEqualTo("app.yaml");
        assertThat(f.location().line()).isEqualTo(22);
        assertThat(f.message()).isEqualTo("Deployment/service (document 2, spec.template.spec.containers[0]"
                + ".securityContext.privileged): container app is privileged");
        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aContainerThatKeepsTheDefaultCapabilitiesIsFound() throws Exception {
        assertThat(rules(GOOD.replace("drop: [ALL]", "drop: [NET_RAW]"))).isEmpty();
        assertThat(rules(GOOD.replace("drop: [ALL]", "drop: [CAP_NET_RAW, MKNOD]"))).isEmpty();
        assertThat(rules(GOOD.replace("drop: [ALL]", "drop: [MKNOD]"))).containsExactly("k8s-capabilities-not-dropped");
        assertThat(rules(GOOD.replace("            capabilities:\n              drop: [ALL]\n", "")))
                .containsExactly("k8s-capabilities-not-dropped");
    }

    @Test
    void podsCronJobsAndListsAreSeenAndComposeFilesToo() throws Exception {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: []\n";
        assertThat(rules(pod)).containsExactly("k8s-host-namespace", "k8s-service-account-token");
        String cron = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n"
                + "      template:\n        spec:\n          automountServiceAccountToken: false\n          hostIPC: true\n";
        assertThat(rules(cron)).containsExactly("k8s-host-namespace");
        String list = "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n"
                + "    spec:\n      automountServiceAccountToken: false\n      hostNetwork: true\n";
        assertThat(rules(list)).containsExactly("k8s-host-namespace");
        String template = "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec:\n"
                + "    automountServiceAccountToken: false\n    hostNetwork: true\n";
        assertThat(rules(template)).containsExactly("k8s-host-namespace");
        for (String kind : List.of("apps.openshift.io/v1 DeploymentConfig", "argoproj.io/v1alpha1 Rollout")) {
            String[] k = kind.split(" ");
            String workload = "apiVersion: " + k[0] + "\nkind: " + k[1] + "\nmetadata: {name: w}\nspec:\n  template:\n"
                    + "    spec:\n      automountServiceAccountToken: false\n      hostPID: true\n";
            assertThat(rules(workload)).as(kind).containsExactly("k8s-host-namespace");
        }
        String scaled = "apiVersion: keda.sh/v1alpha1\nkind: ScaledJob\nmetadata: {name: s}\nspec:\n  jobTargetRef:\n"
                + "    template:\n      spec:\n        automountServiceAccountToken: false\n        hostIPC: true\n";
        assertThat(rules(scaled)).containsExactly("k8s-host-namespace");
        // a Rollout that refers to a Deployment's template has no pod of its own here
        assertThat(rules("apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n"
                + "  workloadRef: {kind: Deployment, name: web}\n")).isEmpty();
        String compose = """
                services:
                  ci:
                    image: docker:27
                    privileged: true
                    network_mode: host
                    cap_add: [SYS_ADMIN]
                    volumes:
                      - /var/run/docker.sock:/var/run/docker.sock
                  web:
                    image: nginx@sha256:%s
                    volumes:
                      - ./html:/usr/share/nginx/html:ro
                """.formatted("f".repeat(64));
        CheckResult r = check("compose.yaml", compose);
        assertThat(r.findings()).extracting(Finding::rule).containsExactly("compose-privileged", "compose-docker-socket",
                "compose-host-network", "compose-dangerous-capability");
        assertThat(r.metrics()).containsEntry("compose", 1L);
    }

    @Test
    void composeHostNamespacesAndUnconfinedServicesAreFoundAndTheDefaultsPass() throws Exception {
        String compose = """
                services:
                  agent:
                    image: jenkins/inbound-agent@sha256:%s
                    pid: host
                    ipc: host
                    userns_mode: host
                    security_opt:
                      - seccomp=unconfined
                      - "apparmor:unconfined"
                      - no-new-privileges:true
                  web:
                    image: nginx@sha256:%s
                    pid: "service:agent"
                    security_opt: [no-new-privileges:true, seccomp=profile.json]
                """.formatted("e".repeat(64), "f".repeat(64));
        CheckResult r = check("compose.yaml", compose);
        assertThat(r.findings()).extracting(f -> f.rule() + ":" + f.location().line()).containsExactly(
                "compose-host-namespace:4", "compose-host-namespace:5", "compose-host-namespace:6",
                "compose-unconfined:8", "compose-unconfined:9");
        assertThat(r.findings().get(2).message()).contains("uses the host's user namespace (document 1, services.agent.userns_mode)");
    }

    @Test
    void aManifestInJsonIsCheckedAndOtherJsonFoundByWalkingIsLeftAlone() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("json"));
        Files.writeString(repo.resolve("pod.json"), """
                {
                  "apiVersion": "v1",
                  "kind": "Pod",
                  "metadata": {"name": "p"},
                  "spec": {"automountServiceAccountToken": false, "hostNetwork": true}
                }
                """);
        Files.writeString(repo.resolve("package.json"), "{\"name\": \"web\", \"version\": \"1.0.0\"}\n");
        Files.writeString(repo.resolve("tsconfig.json"), "{\n  // comments are not JSON\n  \"strict\": true,\n}\n");
        CheckResult r = DeployCheck.check(List.of(repo), repo, List.of(), Gate.failOn(Severity.HIGH));
        assertThat(r.findings()).extracting(f -> f.rule() + ":" + f.location().file() + ":" + f.location().line())
                .containsExactly("k8s-host-namespace:pod.json:5");
        assertThat(r.metrics()).containsEntry("files", 1L).containsEntry("manifests", 1L);
        // named on the command line, a file that is not JSON is an input error
        assertThatThrownBy(() -> DeployCheck.check(List.of(repo.resolve("tsconfig.json")), repo, List.of(),
                Gate.failOn(Severity.HIGH))).isInstanceOf(InvalidInputException.class).hasMessageContaining("tsconfig.json");
    }

    @Test
    void aWalkDoesNotFollowSymbolicLinksOutOfTheTree() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                + "  hostPID: true\n");
        Path repo = Files.createDirectories(dir.resolve("linked"));
        Files.createSymbolicLink(repo.resolve("pod.yaml"), outside.resolve("pod.yaml"));
        Files.createSymbolicLink(repo.resolve("k8s"), outside);
        CheckResult r = DeployCheck.check(List.of(repo), repo, List.of(), Gate.failOn(Severity.HIGH));
        assertThat(r.findings()).isEmpty();
        assertThat(r.metrics()).containsEntry("files", 0L);
    }

    @Test
    void allowancesLeaveFindingsOutAndCountThem() throws Exception {
        Files.createDirectories(dir.resolve("dev"));
        Files.writeString(dir.resolve("dev/debug.yaml"), GOOD.replace("readOnlyRootFilesystem: true",
                "readOnlyRootFilesystem: false"));
        CheckResult r = DeployCheck.check(List.of(dir), dir, List.of(DeployCheck.Allow.parse("k8s-writable-root-fs:dev/**")),
                Gate.failOn(Severity.HIGH));
        assertThat(r.findings()).isEmpty();
        assertThat(r.metrics()).containsEntry("allowed", 1L);
        assertThatThrownBy(() -> DeployCheck.Allow.parse("no-such-rule:**")).hasMessageContaining("no deploy rule");
        assertThatThrownBy(() -> DeployCheck.Allow.parse("k8s-writable-root-fs")).hasMessageContaining("RULE:GLOB");
    }

    @Test
    void aWalkedTreeNamesItsUnreadableFilesSkipsHelmTemplatesAndBuildOutput() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("broken.yaml"), "kind: [unclosed\n");
        Files.createDirectories(repo.resolve("chart/templates"));
        Files.writeString(repo.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: chart\nversion: 1.0.0\n");
        Files.writeString(repo.resolve("chart/templates/deployment.yaml"), "apiVersion: apps/v1\nkind: Deployment\n"
                + "metadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/Dockerfile.java"), "class Dockerfile {}\n");
        Files.createDirectories(repo.resolve("target"));
        Files.writeString(repo.resolve("target/Dockerfile"), "FROM scratch\n");
        CheckResult r = DeployCheck.check(List.of(repo), dir, List.of(), Gate.failOn(Severity.HIGH));
        assertThat(r.findings()).extracting(Finding::rule).containsExactly("deploy-file-unreadable");
        assertThat(r.findings().get(0).location().file()).isEqualTo("repo/broken.yaml");
        assertThat(r.findings().get(0).message()).contains("not valid YAML");
        assertThat(r.metrics()).containsEntry("helmTemplates", 1L).containsEntry("dockerfiles", 0L);
        assertThat(r.summary()).contains("1 Helm template not checked");
        assertThat(r.status()).isEqualTo(Status.WARN);
    }

    @Test
    void hostileYamlIsRefusedNamingTheFileNeverAHang() throws Exception {
        StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append("]\n");
        }
        for (String[] bad : new String[][] {
            {"bomb.yaml", laughs.toString()},
            {"invalid.yaml", "apiVersion: v1\nkind: [unclosed\n"},
            {"duplicate.yaml", "apiVersion: v1\nkind: Pod\nkind: Deployment\n"},
            {"deep.yaml", "a: ".repeat(1) + "[".repeat(200) + "]".repeat(200) + "\n"}}) {
            Path f = Files.writeString(dir.resolve(bad[0]), bad[1]);
            assertThatThrownBy(() -> DeployCheck.check(List.of(f), dir, List.of(), Gate.failOn(Severity.HIGH)))
                    .as(bad[0]).isInstanceOf(InvalidInputException.class).hasMessageContaining(bad[0]);
            Files.delete(f);
        }
    }
}
