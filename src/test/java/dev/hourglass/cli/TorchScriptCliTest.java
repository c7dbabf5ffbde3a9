package dev.hourglass.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspector verbs on --torchscript files, in-process: good models and every kind of bad file. */
class TorchScriptCliTest {

    static final String DIR = "src/test/resources/fixtures/torchscript/";
    static final String SMALL = "1x1x64x64";

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err() + r.out());
        return r;
    }

    /** Exit 3 with exactly one line on standard error, no stack trace. */
    private static String badInput(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(3, r.code(), r.err() + r.out());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        return err;
    }

    @Test
    void summaryOfACustomForwardWithSkips() {
        String out = ok("summary", "--torchscript", DIR + "skip_ae.pt", "--input", SMALL).out();
        assertTrue(out.contains("decoder.cat1"), out);
        assertTrue(out.contains("Skip shapes:              (1, 8, 32, 32), (1, 16, 16, 16), (1, 32, 8, 8)"), out);
        assertTrue(out.contains("39,641  (libtorch counts the same; convmath predicts the same)"), out);
        assertTrue(out.contains("all agree with libtorch"), out);
    }

    @Test
    void layersVerifyTraceAndGradcheckOfResidualBlocks() {
        String f = DIR + "residual_ae.pt";
        assertTrue(ok("layers", "--torchscript", f, "--input", SMALL).out().contains("encoder.3.conv1"));
        assertTrue(ok("verify", "--torchscript", f, "--input", SMALL).out().contains("verify: PASSED"));
        String trace = ok("trace", "--torchscript", f, "--input", SMALL).out();
        assertTrue(trace.contains("encoder.3.add1"), trace);
        String grad = ok("gradcheck", "--torchscript", f, "--input", "2x1x64x64").out();
        assertTrue(grad.contains("all 38 parameters received finite, non-vanishing gradients"), grad);
    }

    @Test
    void layersOurSpecCannotExpressAreStillMeasured() {
        String out = ok("summary", "--torchscript", DIR + "exotic_ae.pt", "--input", SMALL, "--format", "json").out();
        assertTrue(out.contains("\"type\" : \"PixelShuffle\""), out);
        assertTrue(out.contains("\"groups=4\"") || out.contains("groups=4"), out);
        String text = ok("summary", "--torchscript", DIR + "exotic_ae.pt", "--input", SMALL).out();
        assertTrue(text.contains("RF -1:"), text);
    }

    @Test
    void aForwardThatCannotBeFollowedIsMeasuredWholeAndSaysWhy() {
        String out = ok("summary", "--torchscript", DIR + "interpolating_ae.pt", "--input", SMALL).out();
        assertTrue(out.contains("UpsamplingDecoder (whole)"), out);
        assertTrue(out.contains("note: `decoder` (UpsamplingDecoder): its forward uses the function interpolate"), out);
    }

    @Test
    void receptiveFieldsThroughResidualBlocksAndTheEffectiveFieldMap(@TempDir Path tmp) {
        Path png = tmp.resolve("erf.png");
        String out = ok("rf", "--torchscript", DIR + "residual_ae.pt", "--input", SMALL, "--png", png.toString()).out();
        // 4, then +2·2 per 3×3 conv at jump 2 (8, 12), +3·2 (18), +2·4 per 3×3 conv at jump 4 (26, 34), +3·4 = 46
        assertTrue(out.contains("encoder.8        Conv2d(16→8, k4, s2, p1)            46     8"), out);
        assertTrue(Files.isRegularFile(png));
        String exotic = ok("rf", "--torchscript", DIR + "exotic_ae.pt", "--input", SMALL, "--no-effective").out();
        assertTrue(exotic.contains("projective field is not known"), exotic);
    }

    /** --png without a latent to draw is refused before anything is printed, in every format, rather than skipped silently. */
    @Test
    void rfPngWithoutAnEncoderIsRefused(@TempDir Path tmp) {
        Path png = tmp.resolve("erf.png");
        for (String format : new String[]{"text", "json"}) {
            String err = badInput("rf", "--torchscript", DIR + "flat_sequential.pt", "--input", SMALL, "--png", png.toString(), "--format", format);
            assertTrue(err.contains("rf --png draws the effective field of the latent") && err.contains("flat_sequential.pt has none"), err);
            assertFalse(Files.exists(png));
        }
        String out = ok("rf", "--torchscript", DIR + "flat_sequential.pt", "--input", SMALL, "--format", "json").out();
        assertFalse(out.isBlank(), "without --png the verb still answers");
    }

    @Test
    void skipBypassOfACustomForward() {
        String out = ok("skips", "--torchscript", DIR + "skip_ae.pt", "--input", SMALL, "--images", "2", "--format", "json").out();
        assertTrue(out.contains("\"skipShapes\" : [ \"(1, 8, 32, 32)\", \"(1, 16, 16, 16)\", \"(1, 32, 8, 8)\" ]"), out);
        assertTrue(out.contains("\"skipChannels\" : 32"), out);
        assertTrue(out.contains("\"psnrSkipsZeroed\" : 1"), out); // measured: a number, not null
        String none = ok("skips", "--torchscript", DIR + "sequential_ae.pt", "--input", SMALL, "--images", "2").out();
        assertTrue(none.contains("No skip connections"), none);
    }

    @Test
    void reportAndItsHtmlPage(@TempDir Path tmp) throws IOException {
        Path html = tmp.resolve("day2.html");
        Path md = tmp.resolve("day2.md");
        ok("report", "--torchscript", DIR + "skip_ae.pt", "--input", "2x1x64x64", "--html", html.toString(), "-o", md.toString());
        String page = Files.readString(html);
        // the diagram: one block per resolution stage, and the three skips drawn as arrows into the decoder
        assertTrue(page.contains("skip 8×32×32 (concatenated)") && page.contains("skip 32×8×8 (concatenated)"), "skip arrows");
        assertTrue(page.contains("encoder.stages.0") && page.contains("the weights saved in the TorchScript file"));
        String text = Files.readString(md);
        assertTrue(text.contains("- [x] Implemented/verified EncoderWithSkips"), text);
        assertFalse(text.contains("- [ ]"), text);
        Path noEncoder = tmp.resolve("x.html");
        CliRun r = CliRun.of("report", "--torchscript", DIR + "exotic_ae.pt", "--input", SMALL, "--html", noEncoder.toString());
        assertEquals(0, r.code(), r.err()); // exotic has an encoder; its decoder's fields are unknown, the page still draws
    }

    @Test
    void aFileThatIsNotTorchScript(@TempDir Path tmp) throws IOException {
        Path text = Files.writeString(tmp.resolve("model.pt"), "not a model");
        assertTrue(badInput("summary", "--torchscript", text.toString()).contains("is not a TorchScript file"));
        assertTrue(badInput("verify", "--torchscript", DIR + "state_dict_not_script.pt").contains("is not a TorchScript file"));
        assertTrue(badInput("trace", "--torchscript", tmp.resolve("missing.pt").toString()).contains("no such file"));
    }

    @Test
    void noForwardWrongChannelsAndNanWeights() {
        assertTrue(badInput("summary", "--torchscript", DIR + "no_forward.pt").contains("has no forward method"));
        String rgb = badInput("verify", "--torchscript", DIR + "rgb_ae.pt", "--input", SMALL);
        assertTrue(rgb.contains("fails on the probe input (1, 1, 64, 64) at `encoder.0`") && rgb.contains("to have 3 channels"), rgb);
        assertTrue(badInput("gradcheck", "--torchscript", DIR + "nan_weights.pt").contains("encoder.0.weight (4, 1, 4, 4) holds 1 NaN"));
    }

    /** A VAE's forward returns (reconstruction, mu, logvar): every verb refuses it as bad input, gradcheck too. */
    @Test
    void aForwardThatReturnsATupleIsBadInputForEveryVerb() {
        String f = DIR + "vae_ae.pt";
        for (String verb : new String[]{"gradcheck", "summary", "verify"}) {
            String err = badInput(verb, "--torchscript", f, "--input", SMALL);
            assertTrue(err.contains("vae_ae.pt: forward returned a Tuple but an autoencoder returns one tensor"), verb + ": " + err);
        }
    }

    @Test
    void torchscriptExcludesArchAndCheckpoint() {
        assertEquals(2, CliRun.of("summary", "--torchscript", DIR + "skip_ae.pt", "--arch", "baseline").code());
        assertEquals(2, CliRun.of("summary", "--torchscript", DIR + "skip_ae.pt", "--checkpoint", "x.ckpt").code());
        assertEquals(2, CliRun.of("layers", "--input", SMALL).code());
    }

    /** Verbs that need a spec share the model options; --torchscript there is a usage error (train exited 70, freeze ignored it). */
    @Test
    void verbsWithoutTorchScriptSupportRefuseItAsUsage() {
        String ts = DIR + "skip_ae.pt";
        for (List<String> args : List.of(List.of("train", "--torchscript", ts), List.of("spec", "--torchscript", ts),
                List.of("freeze", "--torchscript", ts, "--checkpoint", "x.ckpt", "--out", "y.ckpt"),
                List.of("export", "--torchscript", ts, "--checkpoint", "x.ckpt", "--format", "safetensors", "-o", "out"),
                List.of("compress", "--torchscript", ts, "a.png", "a.hg"))) {
            String verb = args.get(0);
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), verb + ": " + r.err());
            assertTrue(r.err().contains("does not take --torchscript"), verb + ": " + r.err());
        }
    }
}
