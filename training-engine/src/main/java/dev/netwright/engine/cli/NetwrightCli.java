package dev.netwright.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./netwright}: dispatches to the sub-commands. */
@Command(name = "netwright", mixinStandardHelpOptions = true, version = "Netwright 0.1.0",
        description = "Design, train and ship neural networks.",
        subcommands = {SummaryCommand.class, TemplatesCommand.class, LayersCommand.class, SchemaCommand.class,
                CommandLine.HelpCommand.class})
public final class NetwrightCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new NetwrightCli()).execute(args));
    }
}
