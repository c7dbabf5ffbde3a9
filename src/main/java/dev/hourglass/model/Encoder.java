package dev.hourglass.model;

import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ModuleListImpl;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Analysis transform: image [B, 1, 256, 256] → latent [B, 64, 16, 16] (baseline). */
public final class Encoder extends Module {

    private final List<EncoderStage> stages = new ArrayList<>();
    private final boolean returnsSkips;

    Encoder(ModelSpec spec) {
        super("Encoder");
        ModuleListImpl list = register_module("stages", new ModuleListImpl());
        List<ConvLayer> convs = spec.encoderConvs();
        for (int i = 0; i < convs.size(); i++) {
            EncoderStage s = new EncoderStage(spec, convs.get(i), i == convs.size() - 1);
            list.push_back(s);
            stages.add(s);
        }
        returnsSkips = spec.hasSkips();
    }

    /** The module path of the convolution that outputs the latent y. */
    public static String latentLayer(ModelSpec spec) {
        return "encoder.stages." + (spec.encoderConvs().size() - 1) + ".conv";
    }

    public EncoderOutput forward(Tensor x, ForwardObserver obs) {
        List<Tensor> skips = new ArrayList<>();
        Tensor h = x;
        for (int i = 0; i < stages.size(); i++) {
            h = stages.get(i).forward(h, "encoder.stages." + i, obs);
            if (returnsSkips && i < stages.size() - 1) skips.add(h);   // (B,64,128,128), (B,128,64,64), (B,256,32,32)
        }
        return new EncoderOutput(h, skips);
    }

    /** The GDN layers of its stages, in order. */
    List<Gdn> gdns() {
        List<Gdn> out = new ArrayList<>();
        for (EncoderStage s : stages) if (s.gdn() != null) out.add(s.gdn());
        return out;
    }
}
