import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.data.ImageReader;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Checkpoint;
import dev.hourglass.train.Reconstruction;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For bench/pytorch-roundtrip.sh: what `hourglass reconstruct --checkpoint CKPT IN OUT.png` computes
 * (the same Reconstruction.run), written as raw little-endian float32 before the PNG's rounding,
 * so that PyTorch's output can be compared to 1e-5.
 *   java -cp target/hourglass.jar bench/ReconstructFloats.java CKPT IN.png OUT.f32
 */
public class ReconstructFloats {
    public static void main(String[] args) throws Exception {
        var model = Checkpoint.load(Path.of(args[0])).model();
        var image = ImageReader.read(Path.of(args[1])).image();
        float[] y = Reconstruction.run(ModelRunner.of(model, DeviceChoice.CPU), image).image().pixels();
        ByteBuffer b = ByteBuffer.allocate(y.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : y) b.putFloat(v);
        Files.write(Path.of(args[2]), b.array());
    }
}
