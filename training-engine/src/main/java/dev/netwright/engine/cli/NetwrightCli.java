package dev.netwright.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./netwright}: dispatches to the sub-commands. */
@Command(name = "netwright", mixinStandardHelpOptions = true, version = "Netwright 0.1.0",
        description = "Design, train and ship neural networks.",
        subcommands = {SummaryCommand.class, TemplatesCommand.class, LayersCommand.class, SchemaCommand.class,
                DatasetsCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SweepCommand.class,
                ExportCommand.class, ExportCodeCommand.class, ImportCommand.class, WorkerCommand.class,
                CommandLine.HelpCommand.class})
public final class NetwrightCli implements Runnable {

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger CUDA_LOG =
            java.util.logging.Logger.getLogger("ai.djl.util.cuda.CudaUtils");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with errors shown as one line of words, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new NetwrightCli());
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            command.getErr().flush();
            if (Boolean.getBoolean("netwright.debug")) {
                e.printStackTrace(command.getErr());
            }
            return 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        // the command line prints its own progress; engine and trainer logs are for the platform's operators
        if (!Boolean.getBoolean("netwright.verbose")) {
            java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            root.setLevel(java.util.logging.Level.WARNING);
            for (java.util.logging.Handler h : root.getHandlers()) {
                h.setLevel(java.util.logging.Level.WARNING);
            }
            // on a machine without a usable GPU DJL warns at every start; the CPU is then used, as intended
            CUDA_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
        System.exit(commandLine().execute(args));
    }
}
