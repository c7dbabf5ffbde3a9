package dev.hourglass.codec;

import dev.hourglass.backend.Torch;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.codec.format.HgFileV2;
import dev.hourglass.data.GrayImage;
import dev.hourglass.runtime.ModelRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The learned codec's latents do not depend on libtorch's thread count. The test switches the
 * process-wide thread count, so it runs in a JVM of its own (the pom's "isolated" execution).
 */
class LearnedCodecThreadsTest {

    private static ModelRunner probe;

    @BeforeAll
    static void train() {
        LearnedCodecTest.train();
        probe = LearnedCodecTest.probe;
    }

    private static GrayImage image(long seed, int w, int h) {
        return LearnedCodecTest.image(seed, w, h);
    }

    @Test
    void decodedLatentsAreIdenticalWhateverTheThreadCounts() throws FormatException {
        int before = Torch.threads();
        try {
            for (int i = 0; i < 50; i++) {
                GrayImage img = image(1000 + i, 48, 48);
                Torch.setThreads(i % 2 == 0 ? 1 : 2);
                byte[] file = LearnedCodec.compress(probe, img, 8);
                float[] a = LearnedCodec.decodeLatent(probe, HgFileV2.read(file));
                Torch.setThreads(i % 2 == 0 ? 2 : 1);
                float[] b = LearnedCodec.decodeLatent(probe, HgFileV2.read(file));
                assertArrayEquals(a, b, "image " + i);
                // and the encoder's latent on the other thread count rounds to the same symbols
                assertArrayEquals(a, LearnedCodec.decodeLatent(probe, HgFileV2.read(LearnedCodec.compress(probe, img, 8))), "image " + i);
            }
        } finally {
            Torch.setThreads(before);
        }
    }

    /**
     * A hyperprior file decodes to the same latent on 1 and on 2 threads, for files encoded on
     * either: the scale indexes come from h_s run in Java on integers and stored medians.
     */
    @Test
    void hyperpriorLatentsAreIdenticalWhateverTheThreadCounts() throws FormatException {
        HyperpriorCodecTest.train();
        ModelRunner hp = HyperpriorCodecTest.probe;
        int before = Torch.threads();
        try {
            for (int i = 0; i < 50; i++) {
                GrayImage img = image(2000 + i, 64 + 16 * (i % 3), 64);
                int encodeThreads = i % 2 == 0 ? 1 : 2;
                Torch.setThreads(encodeThreads);
                byte[] file = LearnedCodec.compress(hp, img, 8);
                float[] a = LearnedCodec.decodeLatent(hp, HgFileV2.read(file));
                Torch.setThreads(3 - encodeThreads);
                float[] b = LearnedCodec.decodeLatent(hp, HgFileV2.read(file));
                assertArrayEquals(a, b, "image " + i + " encoded on " + encodeThreads + " thread(s)");
            }
        } finally {
            Torch.setThreads(before);
        }
    }
}
