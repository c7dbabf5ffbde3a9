package dev.hourglass.cli;

import dev.hourglass.codec.TableFreezer;
import dev.hourglass.model.FrozenTables;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.WeightRounding;
import dev.hourglass.train.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

@Command(name = "freeze", mixinStandardHelpOptions = true,
        description = {"Freeze a trained entropy model into integer tables and write a model-only checkpoint for the codec.",
                "Reads --checkpoint (a model with a learned entropy model, e.g. a run's final.ckpt), quantises each latent"
                        + " channel's learned density into 16-bit frequency tables with an escape symbol, stores them in the"
                        + " model's buffers, and writes the weights without optimiser state to --out (atomically). Prints the"
                        + " fingerprint that .hg files made with it will carry. `train` already freezes every checkpoint it"
                        + " writes; use this for weights that changed since (e.g. imported ones) or to drop the optimiser state."})
final class FreezeCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The frozen model-only checkpoint to write.")
    Path output;
    @Option(names = "--mantissa-bits", paramLabel = "N", defaultValue = "23", converter = Usage.MantissaBits.class,
            description = "Round every floating-point weight to N"
            + " explicit mantissa bits (1..23) before freezing, keeping float32's exponent range: 10, half precision's, changes a"
            + " weight by at most 2^-11 of itself and lets git store the file in about 60 %% of the space, which is how the"
            + " shipped models are frozen since the seventh session (default: ${DEFAULT-VALUE}, no rounding).")
    int mantissaBits;

    @Override
    public void run() {
        if (model.checkpoint == null) throw Usage.error(spec, "freeze needs --checkpoint FILE (a trained model with an entropy model)");
        Outputs.check(output);
        var loaded = Checkpoint.load(model.checkpoint);
        if (!loaded.checksummed()) ModelOptions.warnUnverified(spec.commandLine().getErr(), model.checkpoint);
        if (loaded.model().entropyBottleneck() == null) {
            throw new IllegalArgumentException(model.checkpoint + " holds a model without an entropy model; nothing to freeze");
        }
        long rounded = WeightRounding.apply(loaded.model(), mantissaBits); // before the tables, so they describe these weights
        TableFreezer.freeze(loaded.model());
        FrozenTables t = loaded.model().entropyBottleneck().frozen().read();
        try {
            Checkpoint.save(loaded.model(), loaded.metaJson(), output); // atomic, and without the optimiser state
        } catch (IOException e) {
            throw Outputs.failed(output, e);
        }
        byte[] fp = ModelRunner.of(loaded.model(), dev.hourglass.backend.DeviceChoice.CPU).fingerprint();
        int symbols = 0;
        for (int c = 0; c < t.channels(); c++) symbols += t.lengths()[c];
        out().printf(Locale.ROOT, "%s → %s: %d channels, %d table entries (+%d escapes), %sfingerprint %s%n", model.checkpoint, output,
                t.channels(), symbols, t.channels(), mantissaBits < WeightRounding.FULL
                        ? String.format(Locale.ROOT, "%,d weights rounded to %d mantissa bits, ", rounded, mantissaBits) : "",
                HexFormat.of().formatHex(fp));
    }
}
