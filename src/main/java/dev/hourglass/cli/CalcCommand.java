package dev.hourglass.cli;

import picocli.CommandLine.Command;

@Command(name = "calc", mixinStandardHelpOptions = true,
        description = "Convolution arithmetic with the working shown: parameters, MACs, shapes, receptive fields.",
        subcommands = {CalcConvCommand.class, CalcShapesCommand.class, CalcRfCommand.class})
final class CalcCommand extends Verb {

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }
}
