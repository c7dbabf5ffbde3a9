package dev.hourglass.backend;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import static org.bytedeco.pytorch.global.torch.from_blob;

/** Bulk copies between tensors and Java arrays; never element by element across JNI. */
public final class Tensors {

    private Tensors() {
    }

    /** Copies a tensor of any dtype, layout or device into a new float array in row-major order. */
    public static float[] toFloats(Tensor t) {
        // contiguous() first: data_ptr on a strided view returns raw storage order (notes trap 9)
        Tensor c = t.detach().cpu().to(ScalarType.Float).contiguous();
        long n = c.numel();
        if (n > Integer.MAX_VALUE) {
            throw new BackendException("tensor of " + n + " elements does not fit a Java array");
        }
        float[] out = new float[(int) n];
        c.data_ptr_float().get(out);
        return out;
    }

    /** The bytes of a tensor in its own dtype, row-major, as the CPU holds them (for checksums). */
    public static byte[] toBytes(Tensor t) {
        Tensor c = t.detach().cpu().contiguous();
        long n = c.nbytes();
        if (n > Integer.MAX_VALUE) {
            throw new BackendException("tensor of " + n + " bytes does not fit a Java array");
        }
        byte[] out = new byte[(int) n];
        if (n > 0) new org.bytedeco.javacpp.BytePointer(c.data_ptr()).capacity(n).limit(n).get(out);
        return out;
    }

    /** Copies a tensor into a new double array in row-major order (doubles keep double precision). */
    public static double[] toDoubles(Tensor t) {
        Tensor c = t.detach().cpu().to(ScalarType.Double).contiguous();
        long n = c.numel();
        if (n > Integer.MAX_VALUE) {
            throw new BackendException("tensor of " + n + " elements does not fit a Java array");
        }
        double[] out = new double[(int) n];
        c.data_ptr_double().get(out);
        return out;
    }

    /** A new CPU float tensor of the given shape holding a copy of {@code values}. */
    public static Tensor fromFloats(float[] values, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != values.length) {
            throw new IllegalStateException("shape needs " + n + " values but " + values.length + " were given");
        }
        try (FloatPointer p = new FloatPointer(values)) {
            return from_blob(p, shape).clone(); // clone owns its memory, so p can be freed
        }
    }

    public static long[] shape(Tensor t) {
        return t.sizes().vec().get();
    }
}
