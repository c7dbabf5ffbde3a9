package dev.hourglass.jmh;

import dev.hourglass.codec.entropy.AdaptiveModel;
import dev.hourglass.codec.entropy.ArithmeticDecoder;
import dev.hourglass.codec.entropy.ArithmeticEncoder;
import dev.hourglass.codec.entropy.GaussianTables;
import dev.hourglass.codec.entropy.ScaleTable;
import dev.hourglass.codec.entropy.StaticModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;

/**
 * The arithmetic coder on one million symbols: a discretised Gaussian of scale 3 around the
 * middle of a 63-symbol alphabet (about 3.6 bits each), coded with a frozen table (the learned
 * codec's case) and with an adaptive model (the step-quantised codec's). Scores are symbols per
 * second; the compressed bytes per symbol are in {@link #SYMBOLS} and {@code bytes}.
 */
@State(Scope.Benchmark)
public class ArithmeticCoderBenchmark {

    static final int SYMBOLS = 1_000_000;
    private static final int INDEX = 24; // the scale table's entry nearest 3 (σ = 2.97)

    private int[] symbols;
    private StaticModel frozen;
    private byte[] frozenBytes;
    private byte[] adaptiveBytes;

    @Setup
    public void setUp() {
        GaussianTables tables = GaussianTables.of(ScaleTable.standard());
        frozen = tables.model(INDEX);
        int k = tables.halfWidth(INDEX);
        Random r = new Random(1);
        symbols = new int[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) symbols[i] = (int) Math.max(0, Math.min(2 * k, Math.round(r.nextGaussian() * 3) + k));
        frozenBytes = encode(frozen);
        adaptiveBytes = encode(new AdaptiveModel(frozen.symbols()));
    }

    private byte[] encode(dev.hourglass.codec.entropy.FrequencyModel m) {
        ArithmeticEncoder enc = new ArithmeticEncoder();
        for (int s : symbols) enc.encode(m, s);
        return enc.finish();
    }

    private int decode(dev.hourglass.codec.entropy.FrequencyModel m, byte[] bytes) {
        ArithmeticDecoder dec = new ArithmeticDecoder(bytes);
        int sum = 0;
        for (int i = 0; i < SYMBOLS; i++) sum += dec.decode(m);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(SYMBOLS)
    public byte[] encodeFrozen() {
        return encode(frozen);
    }

    @Benchmark
    @OperationsPerInvocation(SYMBOLS)
    public int decodeFrozen() {
        return decode(frozen, frozenBytes);
    }

    @Benchmark
    @OperationsPerInvocation(SYMBOLS)
    public byte[] encodeAdaptive() {
        return encode(new AdaptiveModel(frozen.symbols()));
    }

    @Benchmark
    @OperationsPerInvocation(SYMBOLS)
    public int decodeAdaptive() {
        return decode(new AdaptiveModel(frozen.symbols()), adaptiveBytes);
    }
}
