package io.jenkins.plugins.integrity.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level command; each capability is a subcommand. The subcommands are added by {@link #commandLine}
 * rather than named in the annotation, so that a run builds the model (options, defaults, field
 * initialisers) of only the subcommand it runs: picocli reads every option of every subcommand by reflection
 * when it builds a model, which took a third of a second of each run's start.
 */
@Command(name = "pipeline-integrity",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
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

    /** The subcommands in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(ScanSecretsCommand.class, VerifyCommitsCommand.class,
            SbomCommand.class, ScanVulnsCommand.class, CheckDeployCommand.class, SignCommand.class,
            VerifyCommand.class, DriftCommand.class, ProvenanceCommand.class, AuditCommand.class,
            CommandLine.HelpCommand.class);

    PipelineIntegrityCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    private final Terminal terminal;

    Terminal terminal() {
        return terminal;
    }

    /**
     * The command line for {@code args}: with only the subcommand {@code args[0]} names when it names one
     * (the rest of the arguments go to that subcommand, so the others cannot matter), else with all of them,
     * for the help, the version and the message about an unknown command.
     */
    static CommandLine commandLine(Terminal terminal, String[] args) {
        CommandLine cli = new CommandLine(new PipelineIntegrityCommand(terminal));
        Class<?> named = args.length == 0 ? null : SUBCOMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && args[0].equals(nameOf(c)))
                .findFirst().orElse(null);
        if (named != null) {
            cli.addSubcommand(named);
        } else {
            SUBCOMMANDS.forEach(cli::addSubcommand);
        }
        return cli;
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
