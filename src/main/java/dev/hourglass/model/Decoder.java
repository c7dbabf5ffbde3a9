package dev.hourglass.model;

import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ModuleListImpl;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Synthesis transform: latent → image. With skips, stage i (i ≥ 1) concatenates the encoder
 * feature map of its resolution before upsampling: the skips arrive from highest to lowest
 * resolution, so stage i takes {@code skips.get(skips.size() − i)}.
 */
public final class Decoder extends Module {

    private final List<DecoderStage> stages = new ArrayList<>();
    private final int expectedSkips;

    /** @param change applied to each planned transposed convolution before it is built (tests build broken decoders with it) */
    Decoder(ModelSpec spec, UnaryOperator<ConvLayer> change) {
        super("Decoder");
        ModuleListImpl list = register_module("stages", new ModuleListImpl());
        List<ConvLayer> convs = spec.decoderConvs().stream().map(change).toList();
        for (int i = 0; i < convs.size(); i++) {
            DecoderStage s = new DecoderStage(spec, convs.get(i), spec.skipChannels(i), i == convs.size() - 1);
            list.push_back(s);
            stages.add(s);
        }
        expectedSkips = spec.hasSkips() ? spec.stages() - 1 : 0;
    }

    /** Number of skip tensors {@link #forward} needs (0 without skips). */
    public int expectedSkips() {
        return expectedSkips;
    }

    public Tensor forward(Tensor latent, List<Tensor> skips, ForwardObserver obs) {
        if (skips.size() != expectedSkips) {
            throw new IllegalStateException("decoder expects " + expectedSkips + " skip tensors but received " + skips.size());
        }
        Tensor h = latent;
        for (int i = 0; i < stages.size(); i++) {
            Tensor skip = i == 0 || expectedSkips == 0 ? null : skips.get(skips.size() - i);
            h = stages.get(i).forward(h, skip, "decoder.stages." + i, obs);
        }
        return h;
    }

    /** The GDN layers of its stages, in order. */
    List<Gdn> gdns() {
        List<Gdn> out = new ArrayList<>();
        for (DecoderStage s : stages) if (s.gdn() != null) out.add(s.gdn());
        return out;
    }
}
