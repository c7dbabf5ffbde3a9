package dev.hourglass.cli;

import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.model.SpecFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --arch NAME} or {@code --spec FILE}; the baseline when neither is given. */
final class ModelOptions {

    static final class Choice {
        @Option(names = "--arch", paramLabel = "NAME",
                description = "A preset: baseline, skips, residual, unet-residual (default: baseline).")
        String arch;

        @Option(names = "--spec", paramLabel = "FILE", description = "A spec JSON file (see 'hourglass spec').")
        Path spec;
    }

    @ArgGroup(exclusive = true)
    Choice choice;

    ModelSpec resolve() {
        if (choice == null || (choice.arch == null && choice.spec == null)) {
            return Presets.BASELINE;
        }
        return choice.spec != null ? SpecFiles.read(choice.spec) : Presets.get(choice.arch);
    }

    /** Builds the model with seeded default initialisation. */
    dev.hourglass.model.Probe probe(ModelSpec s, dev.hourglass.backend.DeviceChoice device, long seed) {
        return dev.hourglass.model.Probe.build(s, device, seed);
    }

    /** Whether the weights come from training (a checkpoint) rather than random initialisation. */
    boolean trained() {
        return false;
    }

    /** The preset name or spec file name, for headings. */
    String label() {
        if (choice == null || (choice.arch == null && choice.spec == null)) return "baseline";
        return choice.spec != null ? choice.spec.getFileName().toString() : choice.arch;
    }
}
