package dev.hourglass.convmath;

/**
 * Receptive field after one layer: its size in input pixels, the jump (distance in input pixels
 * between two neighbouring units, the product of the strides so far) and the start (input
 * coordinate of the centre of the first unit; input pixel centres are at 0, 1, 2, ...).
 */
public record RfStep(String layer, int size, int jump, double start, WorkedArithmetic sizeWorked) {

    /** Input interval [lo, hi] seen by unit {@code index} of this layer (before clipping to the image). */
    public Interval unitInterval(int index) {
        double centre = start + (double) index * jump;
        return new Interval((long) Math.ceil(centre - (size - 1) / 2.0), (long) Math.floor(centre + (size - 1) / 2.0));
    }

    /**
     * Whether unit {@code index} sees at least the whole patch of input pixels it stands for: the
     * {@code jump × jump} block [index·jump, (index+1)·jump − 1].
     */
    public boolean coversOwnPatch(int index) {
        Interval seen = unitInterval(index);
        long patchLo = (long) index * jump;
        return seen.lo() <= patchLo && seen.hi() >= patchLo + jump - 1;
    }
}
