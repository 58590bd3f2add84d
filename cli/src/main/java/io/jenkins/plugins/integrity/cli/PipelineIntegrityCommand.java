package io.jenkins.plugins.integrity.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; each capability is a subcommand. */
@Command(name = "pipeline-integrity",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {ScanSecretsCommand.class, VerifyCommitsCommand.class, SbomCommand.class, ScanVulnsCommand.class,
            CheckDeployCommand.class, SignCommand.class, VerifyCommand.class, DriftCommand.class,
            ProvenanceCommand.class, AuditCommand.class, CommandLine.HelpCommand.class},
        description = "Guards the integrity of a build pipeline: leaked credentials, commit signatures, controller"
                + " configuration drift, SBOMs and known vulnerabilities, deployment configuration, image and file"
                + " signatures, and build provenance.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  every check passed (warnings included)",
            "  1  a check failed its policy",
            "  2  bad usage, or an input that is missing, unreadable or invalid",
            "  3  internal error"})
final class PipelineIntegrityCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    PipelineIntegrityCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    private final Terminal terminal;

    Terminal terminal() {
        return terminal;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
