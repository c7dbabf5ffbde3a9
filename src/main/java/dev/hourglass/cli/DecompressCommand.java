package dev.hourglass.cli;

import dev.hourglass.backend.BoundedFiles;
import dev.hourglass.codec.Codec;
import dev.hourglass.codec.LearnedCodec;
import dev.hourglass.codec.ShippedModels;
import dev.hourglass.codec.format.HgFileV2;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

@Command(name = "decompress", mixinStandardHelpOptions = true,
        description = {"Decode an .hg file to PNG with the model that made it.",
                "The file's model fingerprint must match the checkpoint's; corrupt, truncated or foreign files give a"
                        + " clear error (exit code 5) and no output file. 16-bit originals decode to 16-bit PNG."})
final class DecompressCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Parameters(index = "0", paramLabel = "IN.hg", description = "Compressed file.")
    Path in;
    @Parameters(index = "1", paramLabel = "OUT.png", description = "Decoded image (written atomically).")
    Path out;

    /** .hg files above this size are refused before reading (256 MiB; FORMAT.md). */
    static final long MAX_HG_BYTES = 256L << 20;

    @Override
    public void run() {
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
        int version = HgFileV2.versionOf(bytes);
        Codec.Decoded d;
        long t0;
        try {
            if (model.checkpoint == null) {
                if (version != HgFileV2.VERSION) {
                    throw new IllegalArgumentException("decompress needs --checkpoint FILE (the model that made the file): only version-2"
                            + " files name a shipped model");
                }
                byte[] fp = HgFileV2.read(bytes).header().fingerprint();
                ShippedModels shipped = ShippedModels.in(ShippedModels.defaultFolder());
                model.checkpoint = shipped.byFingerprint(fp).orElseThrow(() -> new CorruptFileException(in + ": made by a model that"
                        + " is not shipped (fingerprint " + java.util.HexFormat.of().formatHex(fp) + "); give --checkpoint")).checkpoint();
            }
            ModelSpec s = model.resolve();
            ModelRunner probe = model.probe(s, deviceOptions.apply(), 0);
            t0 = System.nanoTime();
            d = version == HgFileV2.VERSION ? LearnedCodec.decompress(probe, bytes) : Codec.decompress(probe, bytes);
        } catch (FormatException e) {
            throw new CorruptFileException(in + ": " + e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Outputs.png(out, target -> ImageFiles.writePng(d.image(), d.bitDepth(), target));
        out().printf(Locale.ROOT, "%s → %s: %d×%d, %d-bit, %.2f s%n", in, out, d.image().width(),
                d.image().height(), d.bitDepth(), seconds);
    }

}
