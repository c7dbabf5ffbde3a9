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
                DecompressCommand.class, FreezeCommand.class, EvalCommand.class, MetricsCommand.class, SummaryCommand.class, LayersCommand.class, VerifyCommand.class, TraceCommand.class,
                GradcheckCommand.class, RfCommand.class, SkipsCommand.class, CompareCommand.class, CalcCommand.class,
                SpecCommand.class, DeviceCommand.class, BenchCommand.class, ImportCommand.class, ExportCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 a check failed, 2 usage error (any option or argument value), 3 bad input file (also: run folder in use,"
                + " or more memory than available by the estimate), 4 backend or memory error (also: a lost rank or failed rendezvous in data-parallel training),"
                + " 5 corrupt or foreign .hg file, 74 cannot write an output, 70 internal error (a bug)."})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the full stack trace of an error.")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a verb: the help, on standard error, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        int code = run(out, new PrintWriter(System.err, true), args);
        if (code == ExitCodes.OK && System.out.checkError()) { // PrintStream swallows write errors (a full disk, a closed pipe)
            System.err.println("error: cannot write standard output (full disk or closed pipe): the output is incomplete");
            code = ExitCodes.IO;
        }
        System.exit(code);
    }

    /** Runs the CLI in-process with the given streams and returns the exit code (used by the tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return execute(commandLine(out, err), args);
    }

    /** The configured command line: verbs, streams and the handlers that turn every failure into an exit code. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, c, parsed) -> failure(ex, err, traceRequested(parsed)));
        cl.setExecutionStrategy(parsed -> {
            refuseTorchScriptWhereUnread(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            if (ex.getCause() != null && java.util.Arrays.asList(a).contains("--stacktrace")) ex.printStackTrace(err);
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /**
     * Executes, catching every Throwable: picocli's handler sees only Exceptions, and an Error
     * (OutOfMemoryError, UnsatisfiedLinkError) escaping main would make the JVM exit with 1, "a check failed".
     * A write error on standard output turns success into {@link ExitCodes#IO}.
     */
    static int execute(CommandLine cl, String... args) {
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        int code;
        try {
            code = cl.execute(args);
        } catch (Throwable t) {
            code = failure(t, err, java.util.Arrays.asList(args).contains("--stacktrace"));
        }
        out.flush();
        if (out.checkError()) {
            err.println("error: cannot write standard output (full disk or closed pipe): the output is incomplete");
            if (code == ExitCodes.OK || code == ExitCodes.CHECK_FAILED) code = ExitCodes.IO;
        }
        err.flush();
        return code;
    }

    /** The verbs share ModelOptions, but only the inspector verbs read --torchscript: elsewhere it would be ignored silently. */
    private static void refuseTorchScriptWhereUnread(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p.subcommand() != null) p = p.subcommand();
        String verb = p.commandSpec().name();
        if (p.hasMatchedOption("--torchscript") && !ModelOptions.TORCHSCRIPT_VERBS.contains(verb)) {
            throw new CommandLine.ParameterException(p.commandSpec().commandLine(), "'" + verb + "' does not take --torchscript (only "
                    + String.join(", ", new java.util.TreeSet<>(ModelOptions.TORCHSCRIPT_VERBS)) + " do); give --arch, --spec or --checkpoint,"
                    + " or bring PyTorch weights in with 'import --pytorch'");
        }
    }

    /** --stacktrace is inherited by every verb: look for it at every level of the parse, not only before the verb. */
    private static boolean traceRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--stacktrace")) return true;
        }
        return false;
    }

    /** Prints one line for a failure and returns its exit code; the README's table. */
    static int failure(Throwable ex, PrintWriter err, boolean trace) {
        int code;
        if (ex instanceof CommandLine.ParameterException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.USAGE;
        } else if (ex instanceof WorkerFailedException w) {
            err.println("error: " + ex.getMessage());
            code = w.exitCode();
        } else if (ex instanceof OutputException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.IO;
        } else if (ex instanceof CorruptFileException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.CORRUPT_FILE;
        } else if (ex instanceof CheckFailedException) {
            err.println(ex.getMessage());
            code = ExitCodes.CHECK_FAILED;
        } else if (ex instanceof BackendException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.BACKEND;
        } else if (ex instanceof OutOfMemoryError) {
            err.println("error: out of memory: the Java heap (" + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB) is too small for this; use smaller inputs or batches, or a larger -Xmx");
            code = ExitCodes.BACKEND;
        } else if (ex instanceof UnsatisfiedLinkError || ex instanceof NoClassDefFoundError && ex.getMessage() != null
                && ex.getMessage().contains("bytedeco")) {
            err.println("error: cannot load libtorch's native libraries: " + BackendException.firstLine(ex));
            code = ExitCodes.BACKEND;
        } else if (ex instanceof dev.hourglass.runtime.InsufficientMemoryException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.BAD_INPUT;
        } else if (BackendException.isResourceError(ex)) {
            err.println("error: libtorch: " + BackendException.firstLine(ex));
            code = ExitCodes.BACKEND;
        } else if (ex instanceof SpecException || ex instanceof CheckpointException || ex instanceof dev.hourglass.train.RunFolderInUseException || ex instanceof dev.hourglass.codec.CodecException
                || ex instanceof IllegalArgumentException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.BAD_INPUT;
        } else if (ex instanceof java.io.UncheckedIOException u) {
            err.println("error: " + Outputs.describe(u.getCause()));
            code = ExitCodes.BAD_INPUT;
        } else {
            err.println("internal error: " + BackendException.firstLine(ex) + " (" + ex.getClass().getName()
                    + "): this is a bug in hourglass; please report it with the output of --stacktrace");
            code = ExitCodes.INTERNAL;
        }
        if (trace) ex.printStackTrace(err);
        return code;
    }
}
