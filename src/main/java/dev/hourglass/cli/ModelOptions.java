package dev.hourglass.cli;

import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.spec.SpecFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --arch NAME} or {@code --spec FILE}; the baseline when neither is given. */
final class ModelOptions {

    static final class Choice {
        @Option(names = "--arch", paramLabel = "NAME", completionCandidates = PresetNames.class,
                description = "A preset: ${COMPLETION-CANDIDATES} (default: baseline).")
        String arch;

        @Option(names = "--spec", paramLabel = "FILE", description = "A spec JSON file (see 'hourglass spec').")
        Path spec;

        @Option(names = "--torchscript", paramLabel = "FILE", description = "A PyTorch model saved with"
                + " torch.jit.script(model).save(FILE) (or torch.jit.trace); measured as it is, probed with --input."
                + " Only for summary, layers, verify, trace, gradcheck, rf, skips and report (other verbs refuse it).")
        Path torchscript;
    }

    /** Every preset's name, for --help and shell completion (the list lives in Presets alone). */
    static final class PresetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return dev.hourglass.model.Presets.names().iterator();
        }
    }

    @ArgGroup(exclusive = true)
    Choice choice;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Trained weights (and their spec) from a checkpoint; --arch/--spec, if given, must match it.")
    Path checkpoint;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    private dev.hourglass.train.Checkpoint.Loaded loaded; // read once, by resolve()

    /** The verbs that measure a --torchscript model; Main refuses the option on every other verb (exit 2). */
    static final java.util.Set<String> TORCHSCRIPT_VERBS = java.util.Set.of("summary", "layers", "verify", "trace", "gradcheck", "rf", "skips", "report");

    /** The --torchscript file, or null. */
    Path torchscript() {
        return choice == null ? null : choice.torchscript;
    }

    /** Loads the --torchscript model (exit 3 for a file that is not one, has no forward, or holds NaN weights). */
    dev.hourglass.runtime.ScriptedModel scripted(dev.hourglass.backend.DeviceChoice device) {
        if (checkpoint != null) throw Usage.error(mixee, "--checkpoint and --torchscript exclude each other: a TorchScript file carries its own weights");
        return dev.hourglass.runtime.ScriptedModel.load(choice.torchscript, device);
    }

    ModelSpec resolve() {
        boolean none = noArchOrSpec();
        if (torchscript() != null) throw new IllegalStateException("resolve() called for a --torchscript model"); // Main refuses it first
        if (checkpoint != null) {
            if (loaded == null) {
                loaded = dev.hourglass.train.Checkpoint.load(checkpoint);
                if (!loaded.checksummed()) warnUnverified(mixee.commandLine().getErr(), checkpoint);
            }
            return checked(checkpoint, loaded.spec());
        }
        return none ? Presets.BASELINE : requested();
    }

    /**
     * The model of a checkpoint other than --checkpoint's, checked against --arch/--spec as that one
     * is; leaves these options unchanged (decompress, whose files each name their shipped model).
     */
    dev.hourglass.runtime.ModelRunner runnerOf(Path file, dev.hourglass.backend.DeviceChoice device) {
        dev.hourglass.train.Checkpoint.Loaded l = dev.hourglass.train.Checkpoint.load(file);
        if (!l.checksummed()) warnUnverified(mixee.commandLine().getErr(), file);
        try {
            checked(file, l.spec());
        } catch (RuntimeException e) {
            l.model().close(); // not the model asked for: released now, not whenever the collector runs
            throw e;
        }
        return dev.hourglass.runtime.ModelRunner.of(l.model(), device);
    }

    /** The spec of a checkpoint's model, when --arch/--spec (if given) name the same model. */
    private ModelSpec checked(Path file, ModelSpec inFile) {
        if (!noArchOrSpec() && !requested().equals(inFile)) {
            throw new dev.hourglass.train.CheckpointException(file + " holds a different model than "
                    + label() + ": expected " + SpecFiles.toJson(requested()).replaceAll("\\s+", " ")
                    + " but found " + SpecFiles.toJson(inFile).replaceAll("\\s+", " "));
        }
        return inFile;
    }

    /** Neither --arch nor --spec was given. */
    private boolean noArchOrSpec() {
        return choice == null || (choice.arch == null && choice.spec == null);
    }

    /** One line on standard error for a checkpoint written before checksums existed (it loads; its bytes are not verified). */
    static void warnUnverified(java.io.PrintWriter err, Path file) {
        err.println("warning: " + file + " carries no checksum (written by an hourglass before checksums), so damaged bytes in it"
                + " cannot be detected");
        err.flush();
    }

    private ModelSpec requested() {
        if (choice.spec != null) return SpecFiles.read(choice.spec);
        return Usage.check(mixee, () -> Presets.get(choice.arch)); // a preset name is an option value: exit 2
    }

    /** Builds the model with seeded default initialisation. */
    dev.hourglass.runtime.ModelRunner probe(ModelSpec s, dev.hourglass.backend.DeviceChoice device, long seed) {
        if (checkpoint != null) {
            resolve();
            return dev.hourglass.runtime.ModelRunner.of(loaded.model(), device);
        }
        return dev.hourglass.runtime.ModelRunner.build(s, device, seed);
    }

    /** Whether the weights come from training (a checkpoint) rather than random initialisation. */
    boolean trained() {
        return checkpoint != null;
    }

    /** The preset name or spec file name, for headings. */
    String label() {
        if (checkpoint != null && noArchOrSpec()) {
            return checkpoint.getFileName().toString();
        }
        if (noArchOrSpec()) return "baseline";
        return choice.spec != null ? choice.spec.getFileName().toString() : choice.arch;
    }
}
