package dev.hourglass.model;

import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dOptions;

/**
 * Builds libtorch layers from convmath descriptions. Every LongPointer gets two values: a single
 * long would be an allocation size and {@code put(a, b)} an indexed write (notes traps 1 and 2).
 * Public so that {@code runtime} can hold convmath's arithmetic against the very modules the
 * models are made of.
 */
public final class Layers {

    private Layers() {
    }

    public static Conv2dImpl conv(ConvLayer l) {
        Conv2dOptions o = new Conv2dOptions(l.inChannels(), l.outChannels(), new LongPointer((long) l.kernel(), l.kernel()));
        o.stride().put(new long[]{l.stride(), l.stride()});
        o.padding().put(new LongPointer((long) l.padding(), l.padding()));
        o.dilation().put(new long[]{l.dilation(), l.dilation()});
        o.groups().put(l.groups());
        o.bias().put(l.bias());
        return new Conv2dImpl(o);
    }

    public static ConvTranspose2dImpl transposed(ConvLayer l) {
        ConvTranspose2dOptions o = new ConvTranspose2dOptions(l.inChannels(), l.outChannels(),
                new LongPointer((long) l.kernel(), l.kernel()));
        o.stride().put(new long[]{l.stride(), l.stride()});
        o.padding().put(new long[]{l.padding(), l.padding()});
        o.dilation().put(new long[]{l.dilation(), l.dilation()});
        o.output_padding().put(new long[]{l.outputPadding(), l.outputPadding()});
        o.groups().put(l.groups());
        o.bias().put(l.bias());
        return new ConvTranspose2dImpl(o);
    }

    static BatchNorm2dImpl batchNorm(int channels) {
        return new BatchNorm2dImpl(new BatchNormOptions(channels));
    }
}
