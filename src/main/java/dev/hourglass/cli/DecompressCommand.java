package dev.hourglass.cli;

import dev.hourglass.backend.BoundedFiles;
import dev.hourglass.codec.Codec;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

@Command(name = "decompress", mixinStandardHelpOptions = true,
        description = {"Decode an .hg file to PNG with the model that made it.",
                "The file's model fingerprint must match the checkpoint's; corrupt, truncated or foreign files give a"
                        + " clear error (exit code 5) and no output file. 16-bit originals decode to 16-bit PNG."})
final class DecompressCommand implements Runnable {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Parameters(index = "0", paramLabel = "IN.hg", description = "Compressed file.")
    Path in;
    @Parameters(index = "1", paramLabel = "OUT.png", description = "Decoded image (written atomically).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** .hg files above this size are refused before reading (256 MiB; FORMAT.md). */
    static final long MAX_HG_BYTES = 256L << 20;

    @Override
    public void run() {
        if (model.checkpoint == null) throw Usage.error(spec, "decompress needs --checkpoint FILE (the model that made the file)");
        Outputs.requirePng(spec, out);
        Outputs.check(out);
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(in, MAX_HG_BYTES);
        } catch (BoundedFiles.TooLargeException e) {
            throw new CorruptFileException(e.getMessage() + ": not an .hg file (at most " + MAX_HG_BYTES + " bytes)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + in + ": " + Outputs.describe(e));
        }
        ModelSpec s = model.resolve();
        Probe probe = model.probe(s, deviceOptions.apply(), 0);
        long t0 = System.nanoTime();
        Codec.Decoded d;
        try {
            d = Codec.decompress(probe, bytes);
        } catch (FormatException e) {
            throw new CorruptFileException(in + ": " + e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Outputs.png(out, target -> ImageFiles.writePng(d.image(), d.bitDepth(), target));
        spec.commandLine().getOut().printf(Locale.ROOT, "%s → %s: %d×%d, %d-bit, %.2f s%n", in, out, d.image().width(),
                d.image().height(), d.bitDepth(), seconds);
    }

}
