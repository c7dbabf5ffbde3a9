package dev.hourglass.model;

import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ModuleListImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.cat;

/**
 * residual blocks → [cat(x, skip) along channels] → transposed conv (stride s) →
 * BN → act, or the output activation in the last stage.
 */
final class DecoderStage extends Module {

    private final List<ResidualBlock> res = new ArrayList<>();
    private final ConvTranspose2dImpl conv;
    private final ConvLayer layer;
    private final BatchNorm2dImpl bn;
    private final Gdn igdn;
    private final ActivationLayer act;

    DecoderStage(ModelSpec spec, ConvLayer layer, int skipChannels, boolean last) {
        super("DecoderStage");
        if (spec.residualBlocks() > 0) {
            ModuleListImpl list = register_module("res", new ModuleListImpl());
            int channels = layer.inChannels() - skipChannels; // the blocks run before the concatenation
            for (int i = 0; i < spec.residualBlocks(); i++) {
                ResidualBlock b = new ResidualBlock(channels, spec.norm(), spec.activation(), spec.negativeSlope());
                list.push_back(b);
                res.add(b);
            }
        }
        this.layer = layer;
        conv = register_module("conv", Layers.transposed(layer));
        bn = !last && spec.norm() == Normalization.BATCH ? register_module("bn", Layers.batchNorm(layer.outChannels())) : null;
        igdn = !last && spec.norm() == Normalization.GDN ? register_module("igdn", new Gdn(layer.outChannels(), true)) : null;
        if (!last) {
            act = ActivationLayer.hidden(spec.activation(), spec.negativeSlope());
        } else {
            act = spec.outputActivation() == OutputActivation.SIGMOID ? ActivationLayer.sigmoid() : null;
        }
        if (act != null) register_module("act", act.module);
    }

    /** @param skip the encoder feature map of the same resolution, or null */
    Tensor forward(Tensor x, Tensor skip, String path, ForwardObserver obs) {
        Tensor h = x;
        for (int i = 0; i < res.size(); i++) h = res.get(i).forward(h, path + ".res." + i, obs);
        if (skip != null) {
            Tensor joined = cat(new TensorVector(h, skip), 1);                                    // [B, C + C_skip, H, W]
            h = Observed.report(obs, path + ".cat", OpKind.CONCAT, joined, h, skip);
        }
        Tensor up = ThinTransposedConvolution.applies(layer, h) ? ThinTransposedConvolution.forward(conv, layer, h) : conv.forward(h);
        Tensor y = Observed.report(obs, path + ".conv", OpKind.CONV_TRANSPOSE2D, up, h); // [B, C_out, H·s, W·s]
        if (bn != null) y = Observed.report(obs, path + ".bn", OpKind.BATCH_NORM, obs.batchNorm(bn, y), y);
        if (igdn != null) y = Observed.report(obs, path + ".igdn", OpKind.IGDN, igdn.forward(y), y);
        if (act != null) y = Observed.report(obs, path + ".act", act.kind, act.forward(y), y);
        return y;
    }

    /** Its IGDN, or null without one. */
    Gdn gdn() {
        return igdn;
    }
}
