package dev.hourglass.model;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.zeros;

/**
 * The buffers of an {@link EntropyBottleneck} that hold its {@link FrozenTables}, so the tables are
 * saved, loaded and fingerprinted with the weights: {@code frozen_offset}, {@code frozen_length},
 * {@code frozen_median} [C] and {@code frozen_freq} [C, MAX_SYMBOLS] (float32 holding integers below
 * 2^17, which it represents exactly). Owned by the bottleneck, created with it outside any scope; the
 * handles are our own (register_buffer's returned reference dangles when the dictionary grows).
 */
public final class FrozenBuffers {

    private final int channels;
    private final int columns;
    private final Tensor offset;
    private final Tensor length;
    private final Tensor median;
    private final Tensor freq;

    FrozenBuffers(Module owner, int channels, int columns) {
        this.channels = channels;
        this.columns = columns;
        offset = zeros(channels);
        owner.register_buffer("frozen_offset", offset);
        length = zeros(channels);
        owner.register_buffer("frozen_length", length);
        median = zeros(channels);
        owner.register_buffer("frozen_median", median);
        freq = zeros(channels, columns);
        owner.register_buffer("frozen_freq", freq);
    }

    /** The stored tables, or null when they were never frozen. */
    public FrozenTables read() {
        try (MemoryScope s = new MemoryScope()) {
            float[] len = Tensors.toFloats(length);
            for (float l : len) if (l < 1) return null;
            float[] off = Tensors.toFloats(offset);
            float[] med = Tensors.toFloats(median);
            float[] f = Tensors.toFloats(freq);
            int[] offsets = new int[channels];
            int[] lengths = new int[channels];
            int[][] freqs = new int[channels][];
            for (int c = 0; c < channels; c++) {
                offsets[c] = Math.round(off[c]);
                lengths[c] = Math.round(len[c]);
                if (lengths[c] >= columns) throw new IllegalStateException("frozen_length " + lengths[c] + " exceeds the table");
                freqs[c] = new int[lengths[c] + 1];
                for (int j = 0; j <= lengths[c]; j++) freqs[c][j] = Math.round(f[c * columns + j]);
            }
            return new FrozenTables(offsets, lengths, med, freqs);
        }
    }

    /** Replaces the stored tables in place (the model keeps its buffers; only their values change). */
    public void write(FrozenTables t) {
        if (t.channels() != channels) {
            throw new IllegalArgumentException("expected tables for " + channels + " channels but found " + t.channels());
        }
        float[] off = new float[channels];
        float[] len = new float[channels];
        float[] f = new float[channels * columns];
        for (int c = 0; c < channels; c++) {
            off[c] = t.offsets()[c];
            len[c] = t.lengths()[c];
            for (int j = 0; j <= t.lengths()[c]; j++) f[c * columns + j] = t.frequencies()[c][j];
        }
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            offset.copy_(Tensors.fromFloats(off, channels));
            length.copy_(Tensors.fromFloats(len, channels));
            median.copy_(Tensors.fromFloats(t.medians(), channels));
            freq.copy_(Tensors.fromFloats(f, channels, columns));
        }
    }
}
