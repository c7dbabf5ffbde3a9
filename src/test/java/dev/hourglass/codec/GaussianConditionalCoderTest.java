package dev.hourglass.codec;

import dev.hourglass.codec.entropy.ArithmeticDecoder;
import dev.hourglass.codec.entropy.ArithmeticEncoder;
import dev.hourglass.codec.entropy.GaussianTables;
import dev.hourglass.codec.entropy.NormalCdf;
import dev.hourglass.codec.entropy.ScaleTable;
import dev.hourglass.codec.entropy.StaticModel;
import dev.hourglass.codec.format.FormatException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianConditionalCoderTest {

    private static final GaussianTables T = GaussianTables.of(ScaleTable.standard());

    /** n values, each drawn from its table's Gaussian around its mean; every 50th far outside (±1e6). */
    private static float[] latent(Random r, int[] indexes, float[] means) {
        float[] y = new float[indexes.length];
        for (int i = 0; i < y.length; i++) {
            double v = r.nextGaussian() * T.scales().scale(indexes[i]) + (means == null ? 0 : means[i]);
            if (i % 50 == 7) v = (r.nextBoolean() ? 1 : -1) * (1e6 + r.nextInt(1000) + r.nextFloat());
            y[i] = (float) v;
        }
        return y;
    }

    private static byte[] encode(float[] y, float[] means, int[] indexes) {
        ArithmeticEncoder enc = new ArithmeticEncoder();
        GaussianConditionalCoder.encode(enc, y, means, indexes, T);
        return enc.finish();
    }

    private static float[] decode(byte[] payload, float[] means, int[] indexes) throws FormatException {
        return GaussianConditionalCoder.decode(new ArithmeticDecoder(payload), means, indexes, T);
    }

    @Test
    void randomScalesMeansAndFarEscapesComeBackAsTheEncoderReconstructs() throws FormatException {
        Random r = new Random(7);
        int n = 5000;
        int[] indexes = r.ints(n, 0, T.size()).toArray();
        float[] means = new float[n];
        for (int i = 0; i < n; i++) means[i] = (float) (r.nextGaussian() * 20);
        for (float[] mu : new float[][]{null, means}) {
            float[] y = latent(r, indexes, mu);
            y[3] = 2.5e6f;                 // far above every table
            y[4] = -1.0e9f;                // near ±2^30: distances Elias-gamma still codes
            y[5] = 1.0e9f;
            float[] expected = GaussianConditionalCoder.reconstruct(y, mu);
            float[] back = decode(encode(y, mu, indexes), mu, indexes);
            assertArrayEquals(expected, back, "means " + (mu == null ? "zero" : "given"));
            for (int i = 0; i < n; i++) {
                float m = mu == null ? 0 : mu[i];
                assertEquals(Math.round((double) y[i] - m), (double) back[i] - m, 1e-3 * Math.max(1, Math.abs(y[i])), "value " + i);
            }
        }
    }

    @Test
    void reconstructionIsMeanPlusTheRoundedDifference() {
        float[] y = {0.49f, 0.5f, -0.5f, -0.51f, 3.2f, 10.7f};
        float[] mu = {0, 0, 0, 0, 0.25f, -0.3f};
        assertArrayEquals(new float[]{0, 1, 0, -1, 3.25f, 10.7f}, GaussianConditionalCoder.reconstruct(y, mu));
        assertArrayEquals(new float[]{0, 1, 0, -1, 3, 11}, GaussianConditionalCoder.reconstruct(y, null));
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        Random r = new Random(3);
        int[] indexes = r.ints(3000, 0, T.size()).toArray();
        float[] y = latent(r, indexes, null);
        assertArrayEquals(encode(y, null, indexes), encode(y.clone(), null, indexes.clone()));
    }

    @Test
    void aTruncatedPayloadOrAnOverlongEscapeIsACorruptFile() {
        Random r = new Random(11);
        int[] indexes = new int[4000];
        Arrays.fill(indexes, 30);
        float[] y = latent(r, indexes, null);
        byte[] payload = encode(y, null, indexes);
        byte[] half = Arrays.copyOf(payload, payload.length / 2);
        FormatException e = assertThrows(FormatException.class, () -> decode(half, null, indexes));
        assertTrue(e.getMessage().startsWith("corrupt payload"), e.getMessage());
        // the escape of table 30, then more leading zeros than any Elias-gamma value has
        ArithmeticEncoder enc = new ArithmeticEncoder();
        enc.encode(T.model(30), T.escape(30));
        StaticModel bit = new StaticModel(new int[]{1, 1});
        for (int i = 0; i < 40; i++) enc.encode(bit, 0);
        byte[] forged = enc.finish();
        assertTrue(assertThrows(FormatException.class, () -> decode(forged, null, new int[]{30})).getMessage().contains("longer than any valid"));
    }

    /**
     * The payload of N(0, σ²) integers costs their information content −Σ log2 P(q), computed here
     * from Φ directly (not from the tables), within 2% and a few bytes: this checks the tables.
     */
    @Test
    void gaussianIntegersCostTheirEntropy() throws FormatException {
        Random r = new Random(2018);
        for (int[] indexes : new int[][]{filled(20_000, 5), filled(20_000, 18), filled(20_000, 30), filled(20_000, 45),
                r.ints(20_000, 0, 50).toArray()}) {
            float[] y = new float[indexes.length];
            double bits = 0;
            for (int i = 0; i < y.length; i++) {
                double sigma = T.scales().scale(indexes[i]);
                long q = Math.round(r.nextGaussian() * sigma);
                y[i] = q;
                bits -= Math.log(NormalCdf.cdf((q + 0.5) / sigma) - NormalCdf.cdf((q - 0.5) / sigma)) / Math.log(2);
            }
            byte[] payload = encode(y, null, indexes);
            double coded = payload.length * 8.0;
            assertTrue(coded <= 1.02 * bits + 64 && coded >= 0.98 * bits - 64,
                    "table " + indexes[0] + "…: " + coded + " bits for " + bits + " bits of information");
            assertTrue(coded >= GaussianConditionalCoder.minimumBits(indexes, T) - 64);
            assertArrayEquals(y, decode(payload, null, indexes));
        }
    }

    @Test
    void brokenInputsAreBugsAndHugeValuesAreRefused() {
        assertThrows(IllegalStateException.class, () -> encode(new float[2], null, new int[3]));
        assertThrows(IllegalStateException.class, () -> encode(new float[2], new float[1], new int[2]));
        assertThrows(IllegalStateException.class, () -> encode(new float[]{Float.NaN}, null, new int[1]));
        assertThrows(IllegalStateException.class, () -> encode(new float[]{1}, new float[]{Float.POSITIVE_INFINITY}, new int[1]));
        assertThrows(IllegalStateException.class, () -> encode(new float[]{1}, null, new int[]{64}));
        assertThrows(CodecException.class, () -> encode(new float[]{1e10f}, null, new int[1]));
    }

    private static int[] filled(int n, int index) {
        int[] a = new int[n];
        Arrays.fill(a, index);
        return a;
    }
}
