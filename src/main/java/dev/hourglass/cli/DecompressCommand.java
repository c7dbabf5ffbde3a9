package dev.hourglass.cli;

import dev.hourglass.backend.BoundedFiles;
import dev.hourglass.codec.Codec;
import dev.hourglass.codec.LearnedCodec;
import dev.hourglass.backend.OnceByKey;
import dev.hourglass.codec.ModelLookup;
import dev.hourglass.codec.format.HgFileV2;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

@Command(name = "decompress", mixinStandardHelpOptions = true,
        description = {"Decode .hg files to PNG with the model that made them.",
                "decompress IN.hg OUT.png, or decompress -o DIR FILES-OR-FOLDERS... for many files. Version-2 files (the learned"
                        + " models) name their model by fingerprint: without --checkpoint it is looked up among the shipped models, and a"
                        + " model that shipped once and was replaced is restored from the clone's git history (models/retired.tsv)."
                        + " With --checkpoint the file's fingerprint must match it. Corrupt, truncated or foreign files give a clear"
                        + " error (exit code 5) and no output file. 16-bit originals decode to 16-bit PNG."})
final class DecompressCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "IN.hg OUT.png; or, with -o, any number of .hg files and folders.")
    List<Path> files;
    @Option(names = {"-o", "--out-dir"}, paramLabel = "DIR", description = "Decode every given .hg file (and every .hg file in a given "
            + "folder, recursively) to DIR/NAME.png, several at once (--jobs), one line each as they finish; a file that fails is"
            + " named and skipped, and the exit code then says so (5 for corrupt files).")
    Path outDir;
    @Option(names = "--jobs", paramLabel = "N", converter = Usage.Threads.class, description = FileWorkers.JOBS_HELP)
    Integer workerCount;

    /** .hg files above this size are refused before reading (256 MiB; FORMAT.md). */
    static final long MAX_HG_BYTES = 256L << 20;

    @Override
    public void run() {
        List<BatchFiles.Job> jobs = BatchFiles.jobs(spec, files, outDir, ".png", BatchFiles::isHg);
        for (BatchFiles.Job j : jobs) {
            Outputs.requirePng(spec, j.out());
            Outputs.check(j.out());
        }
        FileWorkers workers = new FileWorkers(out(), spec.commandLine().getErr(), System.console() != null,
                e -> e instanceof CorruptFileException || e instanceof IllegalArgumentException || e instanceof dev.hourglass.codec.CodecException);
        Path given = model.checkpoint; // --checkpoint, or null: each file then names its shipped model
        dev.hourglass.backend.DeviceChoice device = deviceOptions.apply(); // --threads before the workers copy the count
        // each model is loaded once, by the first worker that needs it, while workers decoding with other models go on
        OnceByKey<Path, ModelRunner> models = new OnceByKey<>(c -> model.runnerOf(c, device));
        ModelLookup lookup = ModelLookup.standard();
        FileWorkers.Outcome o = workers.run(jobs, FileWorkers.workers(workerCount, jobs.size()), j -> decompressOne(j, given, models, lookup));
        if (o.failed() > 0) {
            String m = o.failed() + " of " + jobs.size() + " files could not be decoded (named above); the others were";
            throw o.last() instanceof CorruptFileException ? new CorruptFileException(m) : new IllegalArgumentException(m);
        }
    }

    private String decompressOne(BatchFiles.Job job, Path given, OnceByKey<Path, ModelRunner> models, ModelLookup lookup) {
        Path in = job.in();
        Path out = job.out();
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
            Path checkpoint = given;
            if (checkpoint == null) {
                if (version != HgFileV2.VERSION) {
                    throw new IllegalArgumentException(in + ": decompress needs --checkpoint FILE (the model that made the file): only"
                            + " version-2 files name a shipped model");
                }
                byte[] fp = HgFileV2.read(bytes).header().fingerprint();
                checkpoint = lookup.checkpointOf(fp).orElseThrow(() -> new CorruptFileException(in + ": made by a model that is not"
                        + " shipped (fingerprint " + HexFormat.of().formatHex(fp) + "); give --checkpoint"));
            }
            ModelRunner probe = models.get(checkpoint);
            t0 = System.nanoTime();
            d = version == HgFileV2.VERSION ? LearnedCodec.decompress(probe, bytes) : Codec.decompress(probe, bytes);
        } catch (FormatException e) {
            throw new CorruptFileException(in + ": " + e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        BatchFiles.prepare(job);
        Outputs.png(out, target -> ImageFiles.writePng(d.image(), d.bitDepth(), target));
        return String.format(Locale.ROOT, "%s → %s: %d×%d, %d-bit, %.2f s", in, out, d.image().width(),
                d.image().height(), d.bitDepth(), seconds);
    }
}
