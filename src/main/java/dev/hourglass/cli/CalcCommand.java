package dev.hourglass.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "calc", mixinStandardHelpOptions = true,
        description = "Convolution arithmetic with the working shown: parameters, MACs, shapes, receptive fields.",
        subcommands = {CalcConvCommand.class, CalcShapesCommand.class, CalcRfCommand.class})
final class CalcCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
