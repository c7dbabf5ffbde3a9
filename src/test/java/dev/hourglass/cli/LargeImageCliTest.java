package dev.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reconstruct and metrics on an image above a megapixel: tiles, and a line per stage on standard error. */
class LargeImageCliTest {

    @Test
    void reconstructTilesAndBothVerbsReportTheirStages(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("m.ckpt");
        Checkpoint.save(ModelRunner.build(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32), DeviceChoice.CPU, 3).model(),
                "{}", ckpt);
        GrayImage big = Crops.window(Phantoms.generate(1, 256, 9).get(0), 0, 0, 1400, 800); // 1.12 megapixels
        Path in = dir.resolve("in.png");
        ImageFiles.writePng8(big, in);
        Path out = dir.resolve("out.png");
        CliRun r = CliRun.of("reconstruct", "--checkpoint", ckpt.toString(), in.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("reconstruct: read " + in + ": 1400×800, 8-bit")
                && r.err().contains("reconstruct: reconstructing 1400×800 in 6 tiles of 512×512")
                && r.err().contains("reconstruct: tile 6/6") && r.err().contains("reconstruct: computing SSIM")
                && r.err().contains("reconstruct: writing " + out), r.err());
        assertTrue(r.out().contains("PSNR") && !r.out().contains("tile"), "standard output keeps the result alone: " + r.out());

        CliRun m = CliRun.of("metrics", in.toString(), out.toString(), "--format", "json");
        assertEquals(0, m.code(), m.err());
        assertTrue(m.err().contains("metrics: computing MS-SSIM"), m.err());
        assertTrue(new ObjectMapper().readTree(m.out()).get("msssim").isNumber(), m.out());

        GrayImage small = Crops.window(big, 0, 0, 300, 200);
        Path smallIn = dir.resolve("small.png");
        ImageFiles.writePng8(small, smallIn);
        CliRun quiet = CliRun.of("metrics", smallIn.toString(), smallIn.toString());
        assertEquals("", quiet.err(), "small images report nothing");
    }
}
