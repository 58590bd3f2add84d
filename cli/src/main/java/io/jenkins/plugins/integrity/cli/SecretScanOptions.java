package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.secrets.Baseline;
import io.jenkins.plugins.integrity.secrets.Glob;
import io.jenkins.plugins.integrity.secrets.RuleSet;
import io.jenkins.plugins.integrity.secrets.RuleSets;
import io.jenkins.plugins.integrity.secrets.ScanRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a secret scan that {@code scan-secrets} and {@code audit} share. */
final class SecretScanOptions {
    @Option(names = "--include", paramLabel = "GLOB", split = ",",
            description = "Ant-style pattern of files to scan (repeatable; default: every file), e.g. '**/*.yml'")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", split = ",",
            description = "Ant-style pattern of files to skip (repeatable), e.g. 'node_modules/'")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "LOW", converter = GateConverter.class,
            description = "Fail (exit 1) on findings of this severity or worse: INFO, LOW, MEDIUM, HIGH, CRITICAL,"
                    + " or NONE to report only (default: ${DEFAULT-VALUE})")
    Gate gate;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Rules from a gitleaks TOML configuration; with [extend] useDefault = true they are added"
                    + " to the built-in rules, otherwise they replace them")
    Path config;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Findings already accepted: an earlier --format json result or report.json, or one"
                    + " fingerprint per line; only new findings are reported")
    Path baseline;

    ScanRequest request(List<Path> roots, Path base, List<String> extraExcludes) {
        List<Glob> ex = new ArrayList<>(globs(excludes));
        ex.addAll(globs(extraExcludes));
        return ScanRequest.of(roots, base).withIncludes(globs(includes)).withExcludes(ex).withGate(gate)
                .withBaseline(baseline == null ? Baseline.NONE : Baseline.read(baseline));
    }

    RuleSet rules() {
        return config == null ? RuleSet.builtIn() : RuleSets.load(config);
    }

    private static List<Glob> globs(List<String> patterns) {
        return patterns.stream().flatMap(p -> Arrays.stream(p.split(","))).map(String::trim)
                .filter(p -> !p.isEmpty()).map(Glob::new).toList();
    }

    static final class GateConverter implements picocli.CommandLine.ITypeConverter<Gate> {
        @Override
        public Gate convert(String value) {
            try {
                return Gate.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
