package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InputFiles;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.drift.Baseline;
import io.jenkins.plugins.integrity.drift.ControllerSnapshot;
import io.jenkins.plugins.integrity.drift.DriftCheck;
import io.jenkins.plugins.integrity.drift.JenkinsHomeReader;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drift snapshot} and {@code drift check}: a controller's configuration against its approved baseline. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Snapshot a Jenkins controller's security-relevant configuration from its JENKINS_HOME, and"
                + " check it against an approved baseline (and for hardening gaps).",
        subcommands = {DriftCommand.Snapshot.class, DriftCommand.Check.class})
final class DriftCommand implements Runnable {
    private static final long MAX_BASELINE = 64L << 20;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give snapshot or check");
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "Write the snapshot of a JENKINS_HOME (ids, types, versions and digests; never a secret),"
                    + " signed as a DSSE envelope with --key: the approved baseline.")
    static final class Snapshot implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--jenkins-home", paramLabel = "DIR", required = true, description = "The JENKINS_HOME to read")
        private Path home;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write it")
        private Path output;

        @Option(names = "--key", paramLabel = "KEY.pem", description = "Sign the snapshot with this private key"
                + " (PEM PKCS#8, ECDSA P-256 or Ed25519)")
        private Path key;

        @Option(names = "--key-passphrase-env", paramLabel = "NAME", defaultValue = SignCommand.PASSPHRASE_ENV,
                description = "The environment variable holding an encrypted key's passphrase (default: ${DEFAULT-VALUE})")
        private String passphraseEnv;

        @Override
        public Integer call() {
            ControllerSnapshot s = new JenkinsHomeReader().read(home);
            String text = key == null ? s.toJson() : Baseline.sign(s, SignCommand.load(key, passphraseEnv));
            OutputFiles.write(output, text);
            spec.commandLine().getOut().println("snapshot of " + home + " (Jenkins " + s.jenkinsVersion() + ", "
                    + s.items().size() + " items" + (key == null ? ", unsigned" : ", signed") + "): " + output);
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Compare a JENKINS_HOME with its approved baseline and report each drift and hardening gap"
                    + " with its severity; without --baseline, the hardening report alone.")
    static final class Check implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--jenkins-home", paramLabel = "DIR", required = true, description = "The JENKINS_HOME to read")
        private Path home;

        @Option(names = "--baseline", paramLabel = "FILE", description = "The approved baseline (drift snapshot's output)")
        private Path baseline;

        @Option(names = "--key", paramLabel = "KEY.pub", description = "A public key that may have signed the baseline"
                + " (repeatable); a signed baseline needs one")
        private List<Path> keys = new ArrayList<>();

        @Option(names = "--baseline-sha256", paramLabel = "HEX", description = "The SHA-256 an unsigned baseline must have")
        private String baselineSha256;

        @Option(names = "--casc", paramLabel = "FILE", description = "A Configuration-as-Code YAML the controller was"
                + " given (repeatable; default: JENKINS_HOME/jenkins.yaml when there is one): report what re-applying"
                + " it would change")
        private List<Path> casc = new ArrayList<>();

        @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "HIGH",
                converter = SecretScanOptions.GateConverter.class,
                description = "Fail (exit 1) on a finding at or above this severity, or NONE (default: ${DEFAULT-VALUE})")
        private Gate gate;

        @picocli.CommandLine.Mixin
        private ResultOutput report;

        @Override
        public Integer call() {
            if (baseline == null && (!keys.isEmpty() || baselineSha256 != null)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--key and --baseline-sha256 verify"
                        + " a --baseline: give it");
            }
            Baseline.Verified approved = null;
            if (baseline != null) {
                List<PublicKey> trusted = SignCommand.publicKeys(keys);
                byte[] bytes = InputFiles.readBytes(baseline, MAX_BASELINE, "a baseline");
                try {
                    approved = Baseline.read(bytes, trusted, baselineSha256);
                } catch (Baseline.RejectedException e) {
                    throw new InvalidInputException(baseline.toString(), "refused: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(baseline.toString(), e.getMessage());
                }
            }
            ControllerSnapshot current = new JenkinsHomeReader().read(home);
            List<Path> cascFiles = casc.isEmpty() ? io.jenkins.plugins.integrity.drift.CascPlan.sources(home, null) : casc;
            CheckResult result = DriftCheck.of(current, approved,
                    io.jenkins.plugins.integrity.drift.CascPlan.planAll(cascFiles, current), gate);
            return report.emit(result, spec.commandLine().getOut());
        }
    }
}
