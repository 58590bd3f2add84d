package io.jenkins.plugins.integrity.deploy;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Checks the deployment configuration under some paths: Dockerfiles ({@code Dockerfile}, {@code *.Dockerfile},
 * {@code Dockerfile.*}, {@code Containerfile}), Kubernetes manifests and rendered Helm or Kustomize output (any
 * YAML whose documents name an apiVersion and a kind), and Compose files (a top-level {@code services}). A finding
 * can be allowed for some paths ({@code RULE:GLOB}); allowed findings are left out and counted.
 */
public final class DeployCheck {
    public static final String CHECK = "deploy";
    private static final long MAX_FILE = YamlDocuments.MAX_CHARS;

    /** An allowance: a rule, or {@code *}, for the files a glob matches (relative to the scanned root). */
    public record Allow(String rule, PathMatcher files, String text) {
        public static Allow parse(String spec) {
            int colon = spec.indexOf(':');
            if (colon <= 0 || colon == spec.length() - 1) {
                throw new IllegalArgumentException("an allowance is RULE:GLOB (or *:GLOB), not '" + spec + "'");
            }
            String rule = spec.substring(0, colon);
            if (!rule.equals("*")) {
                DeployRules.get(rule);
            }
            return new Allow(rule, java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + spec.substring(colon
                    + 1)), spec);
        }

        boolean allows(Finding f) {
            return (rule.equals("*") || rule.equals(f.rule())) && f.location() != null && files.matches(Path.of(
                    f.location().file()));
        }
    }

    private DeployCheck() {}

    public static CheckResult check(List<Path> paths, Path base, List<Allow> allows, Gate gate) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/.git/")
                            && !f.toString().contains("/node_modules/")).filter(f -> kind(f) != null).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new InvalidInputException(p.toString(), "cannot be listed");
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new InvalidInputException(p.toString(), "no such file or directory");
            }
        }
        List<Finding> findings = new ArrayList<>();
        int dockerfiles = 0;
        int manifests = 0;
        int compose = 0;
        for (Path f : files) {
            String name = base != null && f.toAbsolutePath().normalize().startsWith(base)
                    ? base.relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/') : f.toString();
            String text = InputFiles.readText(f, MAX_FILE, "a deployment file");
            String kind = kind(f);
            if ("dockerfile".equals(kind) || kind == null && text.lines().anyMatch(l -> l.strip().toUpperCase(Locale.ROOT)
                    .startsWith("FROM "))) {
                findings.addAll(DockerfileCheck.check(name, Dockerfile.parse(text)));
                dockerfiles++;
                continue;
            }
            List<Node> docs = YamlDocuments.read(text, name);
            boolean any = false;
            for (int i = 0; i < docs.size(); i++) {
                Node doc = docs.get(i);
                if (KubernetesCheck.isObject(doc)) {
                    findings.addAll(KubernetesCheck.check(name, i, doc));
                    any = true;
                } else if (ComposeCheck.isCompose(doc)) {
                    findings.addAll(ComposeCheck.check(name, doc));
                    compose++;
                }
            }
            if (any) {
                manifests++;
            }
        }
        int allowed = 0;
        List<Finding> kept = new ArrayList<>();
        for (Finding f : findings) {
            if (allows.stream().anyMatch(a -> a.allows(f))) {
                allowed++;
            } else {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(f -> f.location().file())
                .thenComparingInt(f -> f.location().line()).thenComparing(Finding::rule));
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("files", files.size());
        metrics.put("dockerfiles", dockerfiles);
        metrics.put("manifests", manifests);
        metrics.put("compose", compose);
        metrics.put("allowed", allowed);
        String summary = kept.isEmpty() ? "no finding in " + files.size() + " deployment file" + (files.size() == 1 ? ""
                : "s") : kept.size() + " finding" + (kept.size() == 1 ? "" : "s") + " in " + files.size()
                        + " deployment file" + (files.size() == 1 ? "" : "s");
        return new CheckResult(CHECK, gate.judge(kept), summary + (allowed == 0 ? "" : ", " + allowed + " allowed"), kept,
                metrics, List.of(Subject.named(base == null ? "deployment files" : base.toString())));
    }

    /** What a file is by its name: "dockerfile", "yaml", or null for neither. */
    static String kind(Path f) {
        String n = f.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.equals("dockerfile") || lower.equals("containerfile") || lower.endsWith(".dockerfile")
                || lower.startsWith("dockerfile.") || lower.startsWith("containerfile.")) {
            return "dockerfile";
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return "yaml";
        }
        return null;
    }
}
