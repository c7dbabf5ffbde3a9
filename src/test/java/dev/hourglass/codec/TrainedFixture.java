package dev.hourglass.codec;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Torch;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.Phantoms;
import dev.hourglass.train.Checkpoint;
import dev.hourglass.train.LossKind;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.train.PhantomBatches;
import dev.hourglass.train.StepResult;
import dev.hourglass.train.TrainableModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the format-version-1 fixture of a trained model, src/test/resources/fixtures/v1-trained:
 * the small model of CodecTest trained for {@value #STEPS} steps on phantoms (seeded, 1 thread,
 * MSE, constant learning rate), a 45×37 phantom crop compressed with it at step Δ = {@value #STEP},
 * the decoded image, and the file's quantised values (symbols.txt), which FixtureTest compares
 * exactly. Run once from the test classpath and commit the output; the files, not this program,
 * are the fixture (another machine's float arithmetic may train slightly different weights):
 *
 * <pre>
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat cp.txt) dev.hourglass.codec.TrainedFixture
 * </pre>
 */
public final class TrainedFixture {

    static final Path DIR = Path.of("src", "test", "resources", "fixtures", "v1-trained");
    static final int STEPS = 150;
    static final double STEP = 0.02;

    private TrainedFixture() {
    }

    /** The image: a phantom not seen in training, cropped to a size that needs padding. */
    static GrayImage image() {
        return Crops.cropTopLeft(Phantoms.generate(1, 64, 99).get(0), 45, 37);
    }

    public static void main(String[] args) throws Exception {
        Torch.load();
        Torch.setThreads(1);
        TrainableModel t = TrainableModel.create(CodecTest.SMALL, OptimizerKind.ADAM, 3e-3, 0, DeviceChoice.CPU, 11);
        PhantomBatches batches = new PhantomBatches(11, 8, CodecTest.SMALL.imageSize());
        double loss = Double.NaN;
        for (long step = 1; step <= STEPS; step++) {
            StepResult r = t.step(batches.batch(step), batches.batchSize(), batches.imageSize(), batches.imageSize(), 3e-3, LossKind.MSE, 1.0);
            if (!r.finite()) throw new IllegalStateException("step " + step + " was not finite");
            loss = r.loss();
        }
        Files.createDirectories(DIR);
        Checkpoint.save(t.model(), "{\"purpose\":\"format v1 fixture, trained\",\"steps\":" + STEPS + ",\"loss\":" + loss + "}",
                DIR.resolve("model.ckpt"));
        byte[] file = Codec.compress(t.runner(), image(), 8, STEP, false);
        Files.write(DIR.resolve("image.hg"), file);
        ImageFiles.writePng8(Codec.decompress(t.runner(), file).image(), DIR.resolve("decoded.png"));
        Files.writeString(DIR.resolve("symbols.txt"), format(Codec.symbols(file)));
        System.out.println("trained " + STEPS + " steps, last loss " + loss + "; wrote " + DIR);
    }

    /** One line per tensor: its quantised values, space-separated, channel by channel, row-major. */
    static String format(List<int[]> symbols) {
        List<String> lines = new ArrayList<>();
        for (int[] q : symbols) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < q.length; i++) b.append(i == 0 ? "" : " ").append(q[i]);
            lines.add(b.toString());
        }
        return String.join("\n", lines) + "\n";
    }
}
