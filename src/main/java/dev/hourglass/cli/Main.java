package dev.hourglass.cli;

import dev.hourglass.backend.BackendException;
import dev.hourglass.model.SpecException;
import dev.hourglass.train.CheckpointException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

import java.io.PrintWriter;

/** The root command: it only lists the verbs. */
@Command(name = "hourglass", mixinStandardHelpOptions = true, version = "hourglass 0.1.0",
        description = "Convolutional autoencoders for grayscale images: exact arithmetic, inspection of the real libtorch network.",
        subcommands = {ReportCommand.class, TrainCommand.class, ReconstructCommand.class, CompressCommand.class,
                DecompressCommand.class, EvalCommand.class, MetricsCommand.class, SummaryCommand.class, LayersCommand.class, VerifyCommand.class, TraceCommand.class,
                GradcheckCommand.class, RfCommand.class, SkipsCommand.class, CompareCommand.class, CalcCommand.class,
                SpecCommand.class, DeviceCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 a check failed, 2 usage error, 3 bad input, 4 backend error, 5 corrupt or foreign file,"
                + " 70 internal error."})
public final class Main implements Runnable {

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the full stack trace of an error.")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI in-process with the given streams and returns the exit code (used by the tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCodes.USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean trace = parsed.hasMatchedOption("--stacktrace");
        int code;
        if (ex instanceof SpecException || ex instanceof IllegalArgumentException || ex instanceof CheckpointException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.BAD_INPUT;
        } else if (ex instanceof CorruptFileException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.CORRUPT_FILE;
        } else if (ex instanceof dev.hourglass.codec.CodecException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.BAD_INPUT;
        } else if (ex instanceof java.io.UncheckedIOException u) {
            err.println("error: " + u.getCause().getMessage());
            code = ExitCodes.BAD_INPUT;
        } else if (ex instanceof BackendException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.BACKEND;
        } else if (ex instanceof CheckFailedException) {
            err.println(ex.getMessage());
            code = ExitCodes.CHECK_FAILED;
        } else {
            err.println("internal error: " + BackendException.firstLine(ex) + " (" + ex.getClass().getSimpleName()
                    + "); rerun with --stacktrace and report it");
            code = ExitCodes.INTERNAL;
        }
        if (trace) ex.printStackTrace(err);
        return code;
    }
}
