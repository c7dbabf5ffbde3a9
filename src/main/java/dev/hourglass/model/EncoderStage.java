package dev.hourglass.model;

import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ModuleListImpl;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

/** conv (stride s) → [BN → act, except in the last stage] → residual blocks. */
final class EncoderStage extends Module {

    private final Conv2dImpl conv;
    private final BatchNorm2dImpl bn;
    private final Gdn gdn;
    private final ActivationLayer act;
    private final List<ResidualBlock> res = new ArrayList<>(); // Java handles: ModuleList.get returns plain Modules

    EncoderStage(ModelSpec spec, ConvLayer layer, boolean last) {
        super("EncoderStage");
        conv = register_module("conv", Layers.conv(layer));
        bn = !last && spec.norm() == Normalization.BATCH ? register_module("bn", Layers.batchNorm(layer.outChannels())) : null;
        gdn = !last && spec.norm() == Normalization.GDN ? register_module("gdn", new Gdn(layer.outChannels(), false)) : null;
        act = last ? null : ActivationLayer.hidden(spec.activation(), spec.negativeSlope());
        if (act != null) register_module("act", act.module);
        if (spec.residualBlocks() > 0) {
            ModuleListImpl list = register_module("res", new ModuleListImpl());
            for (int i = 0; i < spec.residualBlocks(); i++) {
                ResidualBlock b = new ResidualBlock(layer.outChannels(), spec.norm(), spec.activation(), spec.negativeSlope());
                list.push_back(b);
                res.add(b);
            }
        }
    }

    Tensor forward(Tensor x, String path, ForwardObserver obs) {
        Tensor h = Observed.report(obs, path + ".conv", OpKind.CONV2D, conv.forward(x), x);      // [B, C_out, H/s, W/s]
        if (bn != null) h = Observed.report(obs, path + ".bn", OpKind.BATCH_NORM, obs.batchNorm(bn, h), h);
        if (gdn != null) h = Observed.report(obs, path + ".gdn", OpKind.GDN, gdn.forward(h), h);
        if (act != null) h = Observed.report(obs, path + ".act", act.kind, act.forward(h), h);
        for (int i = 0; i < res.size(); i++) h = res.get(i).forward(h, path + ".res." + i, obs);
        return h;
    }

    /** Its GDN, or null without one. */
    Gdn gdn() {
        return gdn;
    }
}
