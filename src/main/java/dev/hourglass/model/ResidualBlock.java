package dev.hourglass.model;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * Basic residual block (He et al., 2016) that keeps shape and width:
 * {@code out = act(x + F(x))} with {@code F = conv3×3 → BN → act → conv3×3 → BN}.
 * With 64 channels and BatchNorm it has 2·(64·64·9 + 64) + 2·(2·64) = 74,112 parameters.
 */
public final class ResidualBlock extends Module {

    private final Conv2dImpl conv1;
    private final BatchNorm2dImpl bn1;
    private final ActivationLayer act1;
    private final Conv2dImpl conv2;
    private final BatchNorm2dImpl bn2;
    private final ActivationLayer act;

    public ResidualBlock(int channels, Normalization norm, Activation activation, double slope) {
        super(MemoryScope.requireNone("ResidualBlock"));
        ConvLayer same = sameConv(channels);
        conv1 = register_module("conv1", Layers.conv(same));
        bn1 = norm == Normalization.BATCH ? register_module("bn1", Layers.batchNorm(channels)) : null;
        act1 = ActivationLayer.hidden(activation, slope);
        register_module("act1", act1.module);
        conv2 = register_module("conv2", Layers.conv(same));
        bn2 = norm == Normalization.BATCH ? register_module("bn2", Layers.batchNorm(channels)) : null;
        act = ActivationLayer.hidden(activation, slope);
        register_module("act", act.module);
    }

    /** The 3×3 stride-1 "same" convolution of the block. */
    public static ConvLayer sameConv(int channels) {
        return ConvLayer.conv(channels, channels, 3, 1, 1);
    }

    Tensor forward(Tensor x, String path, ForwardObserver obs) {
        Tensor h = Observed.report(obs, path + ".conv1", OpKind.CONV2D, conv1.forward(x), x);     // [B, C, H, W]
        if (bn1 != null) h = Observed.report(obs, path + ".bn1", OpKind.BATCH_NORM, obs.batchNorm(bn1, h), h);
        h = Observed.report(obs, path + ".act1", act1.kind, act1.forward(h), h);
        Tensor f = Observed.report(obs, path + ".conv2", OpKind.CONV2D, conv2.forward(h), h);
        if (bn2 != null) f = Observed.report(obs, path + ".bn2", OpKind.BATCH_NORM, obs.batchNorm(bn2, f), f);
        Tensor sum = Observed.report(obs, path + ".add", OpKind.ADD, x.add(f), x, f);
        return Observed.report(obs, path + ".act", act.kind, act.forward(sum), sum);
    }
}
