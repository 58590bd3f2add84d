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

    /** The files under the paths alone: no built image, no signature policy. */
    public static CheckResult check(List<Path> paths, Path base, List<Allow> allows, Gate gate) {
        return check(paths, Map.of(), null, base, allows, gate);
    }

    /**
     * @param images built images' configurations, by the image's name, checked beside the files
     * @param signed the signature policy for the images the files name, or null to verify no signature
     */
    public static CheckResult check(List<Path> paths, Map<String, io.jenkins.plugins.integrity.oci.ImageConfig> images,
            SignedImages signed, Path base, List<Allow> allows, Gate gate) {
        return check(paths, Map.of(), images, signed, path -> true, base, allows, gate);
    }

    /**
     * @param texts YAML read from elsewhere than a file (a pipe from {@code helm template}), by the name findings
     *     give it, checked after the files
     * @param selects which of the files found by walking a directory are checked, by their path relative to it
     *     (forward slashes), as the audit's include and exclude patterns choose them
     */
    public static CheckResult check(List<Path> paths, Map<String, String> texts,
            Map<String, io.jenkins.plugins.integrity.oci.ImageConfig> images, SignedImages signed,
            java.util.function.Predicate<String> selects, Path base, List<Allow> allows, Gate gate) {
        List<Path> files = new ArrayList<>();
        java.util.Set<Path> walked = new java.util.HashSet<>();
        List<Path> unlisted = new ArrayList<>();
        int templates = 0;
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = walk(p, selects, unlisted);
                for (Path f : found) {
                    if (helmTemplate(f)) {
                        templates++;
                    } else {
                        files.add(f);
                        walked.add(f);
                    }
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new InvalidInputException(p.toString(), "no such file or directory");
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Path d : unlisted) {
            String name = relative(base, d);
            DeployRule r = DeployRules.get("deploy-file-unreadable");
            findings.add(new Finding(r.id(), r.severity(), name + ": cannot be listed or read; what it holds is"
                    + " not checked", new io.jenkins.plugins.integrity.check.Location(name, 0, 0, null),
                    io.jenkins.plugins.integrity.check.Digests.sha256Hex(CHECK, r.id(), name)));
        }
        List<ImageUse> uses = new ArrayList<>();
        int dockerfiles = 0;
        int manifests = 0;
        int compose = 0;
        int notDeployment = 0;
        List<Source> sources = new ArrayList<>();
        for (Path f : files) {
            sources.add(new Source(f, relative(base, f), null, kind(f), walked.contains(f)));
        }
        new java.util.TreeMap<>(texts).forEach((n, t) -> sources.add(new Source(null, n, t, "yaml", false)));
        for (Source src : sources) {
            String name = src.name();
            String text;
            List<Node> docs = null;
            try {
                if (src.text() != null && src.text().length() > MAX_FILE) {
                    throw new InvalidInputException(name, "larger than " + (MAX_FILE >> 20) + " MiB");
                }
                text = src.text() != null ? src.text() : InputFiles.readText(src.path(), MAX_FILE, "a deployment file");
                if ("yaml".equals(src.kind()) || "json".equals(src.kind())) {
                    docs = YamlDocuments.read(text, name);
                }
            } catch (InvalidInputException e) {
                if (!src.walked()) {
                    throw e;
                }
                if ("json".equals(src.kind())) {
                    notDeployment++;
                    continue; // a JSON file found by walking is a manifest only when it reads as one
                }
                // found by walking: named as a finding, not a reason to stop checking the others
                DeployRule r = DeployRules.get("deploy-file-unreadable");
                findings.add(new Finding(r.id(), r.severity(), e.getMessage(), new io.jenkins.plugins.integrity.check
                        .Location(name, 0, 0, null), io.jenkins.plugins.integrity.check.Digests.sha256Hex(CHECK, r.id(),
                        name)));
                continue;
            }
            if (docs == null) {
                if (src.walked() && text.lines().noneMatch(l -> l.strip().toUpperCase(Locale.ROOT)
                        .startsWith("FROM "))) {
                    notDeployment++;
                    continue; // Dockerfile.something that is not a Dockerfile
                }
                findings.addAll(DockerfileCheck.check(name, Dockerfile.parse(text)));
                dockerfiles++;
                continue;
            }
            boolean any = false;
            int composeBefore = compose;
            for (int i = 0; i < docs.size(); i++) {
                Node doc = docs.get(i);
                if (KubernetesCheck.isObject(doc)) {
                    findings.addAll(KubernetesCheck.check(name, i, doc, uses::add));
                    any = true;
                } else if (ComposeCheck.isCompose(doc)) {
                    findings.addAll(ComposeCheck.check(name, i, doc, uses::add));
                    compose++;
                }
            }
            if (any) {
                manifests++;
            } else if (src.walked() && compose == composeBefore) {
                notDeployment++;
            }
        }
        for (Map.Entry<String, io.jenkins.plugins.integrity.oci.ImageConfig> image : new java.util.TreeMap<>(images)
                .entrySet()) {
            findings.addAll(ImageConfigCheck.check(image.getKey(), image.getValue()));
        }
        SignedImages.Outcome signatures = signed == null ? null : signed.check(uses);
        if (signatures != null) {
            findings.addAll(signatures.findings());
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
        kept.sort(Comparator.comparing(Finding::severity).reversed().thenComparing((Finding f) -> f.location().file())
                .thenComparingInt(f -> f.location().line()).thenComparing(Finding::rule));
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("files", sources.size() - notDeployment);
        metrics.put("dockerfiles", dockerfiles);
        metrics.put("manifests", manifests);
        metrics.put("compose", compose);
        metrics.put("images", images.size());
        metrics.put("allowed", allowed);
        if (signatures != null) {
            metrics.put("signedImages", signatures.verified());
            metrics.put("unsignedImages", signatures.unsigned());
            metrics.put("imagesOutOfScope", signatures.outOfScope());
        }
        if (templates > 0) {
            metrics.put("helmTemplates", templates);
        }
        int checked = sources.size() - notDeployment;
        String what = checked + " deployment file" + (checked == 1 ? "" : "s") + (images.isEmpty() ? ""
                : " and " + images.size() + " image" + (images.size() == 1 ? "" : "s"));
        String summary = kept.isEmpty() ? "no finding in " + what : kept.size() + " finding" + (kept.size() == 1 ? ""
                : "s") + " in " + what;
        summary += allowed == 0 ? "" : ", " + allowed + " allowed";
        if (signatures != null) {
            summary += "; images' signatures: " + signatures.verified() + " verified, " + signatures.unsigned() + " not";
        }
        summary += templates == 0 ? "" : "; " + templates + " Helm template" + (templates == 1 ? "" : "s") + " not"
                + " checked (check helm template's output)";
        return new CheckResult(CHECK, gate.judge(kept), summary, kept,
                metrics, List.of(Subject.named(base == null ? "deployment files" : base.toString())));
    }

    /** A file to check, or text read elsewhere (path null), by the name its findings give it. */
    private record Source(Path path, String name, String text, String kind, boolean walked) {}

    private static String relative(Path base, Path f) {
        Path abs = f.toAbsolutePath().normalize();
        return base != null && abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : f.toString();
    }

    /** Build output, dependencies and version control are not the deployment's sources. */
    private static final java.util.Set<String> SKIPPED_DIRS = java.util.Set.of(".git", "node_modules", "target",
            ".cifuzz-corpus");

    /**
     * The deployment files under a directory, sorted, that the predicate selects: not descending into the
     * skipped directories, not following symbolic links; directories that cannot be listed are added to
     * {@code unlisted}, and the walk goes on.
     */
    private static List<Path> walk(Path root, java.util.function.Predicate<String> selects, List<Path> unlisted) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir,
                        java.nio.file.attribute.BasicFileAttributes attrs) {
                    return !dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                            ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && kind(f) != null && selects.test(root.relativize(f).toString()
                            .replace('\\', '/'))) {
                        found.add(f);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
                    unlisted.add(f);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InvalidInputException(root.toString(), "cannot be listed");
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    /** A Helm chart's template (in templates/ of a folder with a Chart.yaml): Go templates, not YAML yet. */
    static boolean helmTemplate(Path f) {
        Path dir = f.getParent();
        while (dir != null && dir.getFileName() != null) {
            if (dir.getFileName().toString().equals("templates") && dir.getParent() != null
                    && Files.isRegularFile(dir.getParent().resolve("Chart.yaml"))) {
                return true;
            }
            dir = dir.getParent();
        }
        return false;
    }

    /** What a file is by its name: "dockerfile", "yaml", "json" (a manifest as kubectl -o json writes it), or null. */
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
        if (lower.endsWith(".json")) {
            return "json";
        }
        return null;
    }
}
