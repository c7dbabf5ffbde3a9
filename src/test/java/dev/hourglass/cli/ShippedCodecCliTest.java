package dev.hourglass.cli;

import dev.hourglass.codec.GitRepositories;
import dev.hourglass.data.Crops;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.ImageReader;
import dev.hourglass.data.Phantoms;
import dev.hourglass.metrics.Psnr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `compress photo.png photo.hg` and back with no --checkpoint: the shipped models, found by --quality and by fingerprint. */
class ShippedCodecCliTest {

    @Test
    void compressAndDecompressWithTheShippedModels(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("img.png");
        var original = Crops.cropTopLeft(Phantoms.generate(1, 256, 8).get(0), 150, 110);
        ImageFiles.writePng(original, 8, img);
        long previous = 0;
        for (String q : new String[]{"1", "50", "100"}) {
            Path hg = dir.resolve("q" + q + ".hg");
            CliRun c = CliRun.of("compress", "--quality", q, img.toString(), hg.toString());
            assertEquals(0, c.code(), c.err());
            String chosen = dev.hourglass.codec.ShippedModels.in(Path.of("models")).forQuality(Integer.parseInt(q)).name();
            assertTrue(c.out().contains("model " + chosen), chosen + ": " + c.out());
            assertTrue(Files.size(hg) >= previous, "a higher quality never gives a smaller file");
            previous = Files.size(hg);
            Path png = dir.resolve("q" + q + ".png");
            CliRun d = CliRun.of("decompress", hg.toString(), png.toString());
            assertEquals(0, d.code(), d.err());
            var back = ImageReader.read(png);
            assertEquals(150, back.image().width());
            assertTrue(Psnr.of(original.pixels(), back.image().pixels(), 1) > 25);
        }
        CliRun step = CliRun.of("compress", "--step", "2", img.toString(), dir.resolve("x.hg").toString());
        assertEquals(2, step.code(), step.err());
        Path forged = dir.resolve("forged.hg");
        byte[] bytes = Files.readAllBytes(dir.resolve("q50.hg"));
        bytes[6] ^= 1; // the fingerprint's first byte: no shipped model has it (the CRC is checked first, so fix it)
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        java.nio.ByteBuffer.wrap(bytes, bytes.length - 4, 4).putInt((int) crc.getValue());
        Files.write(forged, bytes);
        Path never = dir.resolve("never.png");
        CliRun unknown = CliRun.of("decompress", forged.toString(), never.toString());
        assertEquals(5, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("not shipped"), unknown.err());
        assertFalse(Files.exists(never));
    }

    @Test
    void aBppBeyondTheShippedRatesSaysWhichModelItGets(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("img.png");
        ImageFiles.writePng(Crops.cropTopLeft(Phantoms.generate(1, 128, 5).get(0), 64, 64), 8, img);
        List<dev.hourglass.codec.ShippedModels.Entry> byRate = dev.hourglass.codec.ShippedModels.in(Path.of("models")).entries();
        String highest = byRate.get(byRate.size() - 1).name();
        CliRun high = CliRun.of("compress", "--bpp", "8", img.toString(), dir.resolve("high.hg").toString());
        assertEquals(0, high.code(), high.err());
        assertTrue(high.err().contains("note: --bpp 8 is above the highest rate of the shipped models; using " + highest), high.err());
        assertTrue(high.out().contains("model " + highest), high.out());
        CliRun low = CliRun.of("compress", "--bpp", "0.001", img.toString(), dir.resolve("low.hg").toString());
        assertEquals(0, low.code(), low.err());
        assertTrue(low.err().contains("--bpp 0.001 is below the lowest rate of the shipped models; using " + byRate.get(0).name()), low.err());
        String inside = Double.toString(byRate.get(byRate.size() / 2).bpp());
        CliRun within = CliRun.of("compress", "--bpp", inside, img.toString(), dir.resolve("within.hg").toString());
        assertEquals(0, within.code(), within.err());
        assertFalse(within.err().contains("note:"), within.err());
    }

    @Test
    void aFileMadeByAReplacedModelDecodesFromTheGitHistory(@TempDir Path dir) throws Exception {
        // a clone whose models/ ships factorized-1 alone and once shipped factorized-2
        Path repo = dir.resolve("repo");
        String commit = GitRepositories.withRemovedFile(repo, "models/factorized-2.ckpt", Files.readAllBytes(Path.of("models/factorized-2.ckpt")));
        Files.copy(Path.of("models/factorized-1.ckpt"), repo.resolve("models/factorized-1.ckpt"));
        List<String> index = Files.readAllLines(Path.of("models/index.tsv"));
        Files.write(repo.resolve("models/index.tsv"), index.stream().filter(l -> l.startsWith("factorized-1\t")).toList());
        String fp2 = index.stream().filter(l -> l.startsWith("factorized-2\t")).findFirst().orElseThrow().split("\t")[2];
        Files.writeString(repo.resolve("models/retired.tsv"), "factorized-2\t" + fp2 + "\t" + commit + "\tmodels/factorized-2.ckpt\n");

        Path img = dir.resolve("img.png");
        ImageFiles.writePng(Crops.cropTopLeft(Phantoms.generate(1, 128, 12).get(0), 90, 70), 8, img);
        Path hg = dir.resolve("img.hg");
        CliRun c = CliRun.of("compress", "--checkpoint", "models/factorized-2.ckpt", img.toString(), hg.toString());
        assertEquals(0, c.code(), c.err());
        Path expected = dir.resolve("expected.png");
        assertEquals(0, CliRun.of("decompress", "--checkpoint", "models/factorized-2.ckpt", hg.toString(), expected.toString()).code());

        Path cache = dir.resolve("cache");
        String models = System.getProperty("hourglass.models");
        System.setProperty("hourglass.models", repo.resolve("models").toString());
        System.setProperty("hourglass.retired.cache", cache.toString());
        try {
            Path png = dir.resolve("img.png.out.png");
            CliRun d = CliRun.of("decompress", hg.toString(), png.toString());
            assertEquals(0, d.code(), d.err());
            assertArrayEquals(ImageReader.read(expected).image().pixels(), ImageReader.read(png).image().pixels());
            assertTrue(Files.isRegularFile(cache.resolve("factorized-2-" + fp2 + ".ckpt")));

            Files.delete(cache.resolve("factorized-2-" + fp2 + ".ckpt"));
            GitRepositories.forget(repo);
            Path never = dir.resolve("never.png");
            CliRun lost = CliRun.of("decompress", hg.toString(), never.toString());
            assertEquals(3, lost.code(), lost.err()); // a model that cannot be had, as a missing --checkpoint file
            assertTrue(lost.err().contains("git show " + commit.substring(0, 12) + ":models/factorized-2.ckpt"), lost.err());
            assertFalse(Files.exists(never));
        } finally {
            if (models == null) System.clearProperty("hourglass.models");
            else System.setProperty("hourglass.models", models);
            System.clearProperty("hourglass.retired.cache");
        }
    }

    @Test
    void aCheckpointThatCannotLoadStopsDecodingWithOneLineAndNoOutput(@TempDir Path dir) throws Exception {
        Path hg = dir.resolve("hg");
        Files.createDirectories(hg);
        for (int i = 0; i < 2; i++) {
            ImageFiles.writePng(Crops.cropTopLeft(Phantoms.generate(1, 128, 40 + i).get(0), 40, 30), 8, dir.resolve("p" + i + ".png"));
            assertEquals(0, CliRun.of("compress", "--quality", "1", dir.resolve("p" + i + ".png").toString(),
                    hg.resolve("p" + i + ".hg").toString()).code());
        }
        Path broken = dir.resolve("broken.ckpt");
        Files.write(broken, new byte[]{'P', 'K', 3, 4, 0, 0}); // a zip's first bytes and nothing after
        Path png = dir.resolve("png");
        CliRun d = CliRun.of("decompress", "--checkpoint", broken.toString(), "-o", png.toString(), hg.toString());
        assertEquals(3, d.code(), d.err());
        assertTrue(d.err().contains("not a readable checkpoint"), d.err());
        assertFalse(d.err().contains("Exception"), "one clear line, no stack trace: " + d.err());
        assertFalse(Files.exists(png.resolve("p0.png")) || Files.exists(png.resolve("p1.png")));
    }

    @Test
    void aModelFrozenWithRoundedWeightsCodesAsTheOriginalWithinAHundredthOfADecibel(@TempDir Path dir) throws Exception {
        Path rounded = dir.resolve("rounded.ckpt");
        CliRun f = CliRun.of("freeze", "--checkpoint", "models/factorized-2.ckpt", "--mantissa-bits", "10", "--out", rounded.toString());
        assertEquals(0, f.code(), f.err());
        assertTrue(f.out().contains("weights rounded to 10 mantissa bits"), f.out());
        var loaded = dev.hourglass.train.Checkpoint.load(rounded);
        long floats = 0;
        for (var w : dev.hourglass.runtime.ModelWeights.read(loaded.model())) {
            if (w.integer() || w.name().contains(".frozen_")) continue; // the tables: computed by freeze after the rounding
            for (float v : w.floats()) {
                assertEquals(0, Float.floatToRawIntBits(v) & 0x1FFF, w.name() + " keeps dropped bits");
                floats++;
            }
        }
        assertTrue(floats > 700_000, "every weight was read: " + floats);

        Path img = dir.resolve("img.png");
        var original = Crops.cropTopLeft(Phantoms.generate(1, 256, 21).get(0), 160, 120);
        ImageFiles.writePng(original, 8, img);
        double[] psnr = new double[2];
        long[] size = new long[2];
        String[] models = {"models/factorized-2.ckpt", rounded.toString()};
        for (int i = 0; i < 2; i++) {
            Path hg = dir.resolve(i + ".hg");
            Path png = dir.resolve(i + ".png");
            assertEquals(0, CliRun.of("compress", "--checkpoint", models[i], img.toString(), hg.toString()).code());
            assertEquals(0, CliRun.of("decompress", hg.toString(), png.toString(), "--checkpoint", models[i]).code());
            psnr[i] = Psnr.of(original.pixels(), ImageReader.read(png).image().pixels(), 1);
            size[i] = Files.size(hg);
        }
        assertEquals(psnr[0], psnr[1], 0.01, "PSNR");
        assertEquals(size[0], size[1], size[0] * 0.01 + 2, "file size");

        Path never = dir.resolve("never.ckpt");
        CliRun bad = CliRun.of("freeze", "--checkpoint", "models/factorized-2.ckpt", "--mantissa-bits", "24", "--out", never.toString());
        assertEquals(2, bad.code(), bad.err());
        assertFalse(Files.exists(never));
    }

    @Test
    void manyFilesAndFoldersAtOnceWithOutputFolders(@TempDir Path dir) throws Exception {
        Path photos = dir.resolve("photos");
        Files.createDirectories(photos.resolve("sub"));
        for (int i = 0; i < 3; i++) {
            ImageFiles.writePng(Crops.cropTopLeft(Phantoms.generate(1, 128, 30 + i).get(0), 70 + i, 50), 8,
                    (i == 2 ? photos.resolve("sub") : photos).resolve("p" + i + ".png"));
        }
        Files.writeString(photos.resolve("notes.txt"), "not an image, and not picked up");
        Files.writeString(photos.resolve("broken.png"), "not a PNG");
        Path hg = dir.resolve("hg");
        CliRun c = CliRun.of("compress", "--quality", "30", "-o", hg.toString(), photos.toString());
        assertEquals(3, c.code(), "one broken image: named, skipped, and the exit code says so; " + c.err());
        assertTrue(c.err().contains("broken.png"), c.err());
        for (int k = 1; k <= 4; k++) { // the files finish in any order, each counted once
            String tag = "[" + k + "/4]";
            assertEquals(1, (c.out() + c.err()).split(java.util.regex.Pattern.quote(tag), -1).length - 1, tag + " once: " + c.out() + c.err());
        }
        assertTrue(Files.isRegularFile(hg.resolve("p0.hg")) && Files.isRegularFile(hg.resolve("sub").resolve("p2.hg")));
        Path png = dir.resolve("png");
        CliRun d = CliRun.of("decompress", "-o", png.toString(), hg.toString());
        assertEquals(0, d.code(), d.err());
        assertEquals(72, ImageReader.read(png.resolve("sub").resolve("p2.png")).image().width());
        assertEquals(2, CliRun.of("compress", hg.resolve("p0.hg").toString()).code(), "one path without -o is a usage error");
        Path one = dir.resolve("one-at-a-time");
        Files.delete(photos.resolve("broken.png"));
        assertEquals(0, CliRun.of("compress", "--quality", "30", "--jobs", "1", "-o", one.toString(), photos.toString()).code());
        for (String f : List.of("p0.hg", "p1.hg", "sub/p2.hg")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(hg.resolve(f)), f + ": the same bytes whether files run together or alone");
        }
        assertEquals(2, CliRun.of("compress", "--jobs", "0", "-o", one.toString(), photos.toString()).code(), "--jobs 0 is a usage error");
    }

    @Test
    void filesOfDifferentShippedModelsDecodeInOneRun(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("img.png");
        ImageFiles.writePng(Crops.cropTopLeft(Phantoms.generate(1, 128, 40).get(0), 90, 60), 8, img);
        Path hg = dir.resolve("hg");
        Files.createDirectories(hg);
        for (String q : new String[]{"1", "100"}) { // the lowest and the highest rate: two models
            assertEquals(0, CliRun.of("compress", "--quality", q, img.toString(), hg.resolve("q" + q + ".hg").toString()).code());
        }
        for (String jobs : new String[]{"1", "2"}) {
            Path png = dir.resolve("png" + jobs);
            CliRun d = CliRun.of("decompress", "--jobs", jobs, "-o", png.toString(), hg.toString());
            assertEquals(0, d.code(), "each file finds its own model: " + d.err());
            for (String q : new String[]{"1", "100"}) {
                Path alone = dir.resolve("alone" + q + ".png");
                assertEquals(0, CliRun.of("decompress", hg.resolve("q" + q + ".hg").toString(), alone.toString()).code());
                assertArrayEquals(ImageReader.read(alone).image().pixels(), ImageReader.read(png.resolve("q" + q + ".png")).image().pixels(),
                        "q" + q + " with --jobs " + jobs + ": as decoded alone");
            }
        }
    }
}
