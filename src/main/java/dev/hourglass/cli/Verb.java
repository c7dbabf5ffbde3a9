package dev.hourglass.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** What every verb has: picocli's model of the command, and the output stream it prints to. */
abstract class Verb implements Runnable {

    @Spec
    CommandSpec spec;

    /** The command's standard output (the tests' writer when run in-process). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
