package dev.hourglass.inspect;

import java.util.List;

/**
 * One row of the summary table: an operation as it ran, with the facts convmath adds to it.
 *
 * @param kernelStridePadding "k/s/p" for convolutions, empty otherwise
 * @param parameters          parameters owned by this module (0 for functional rows)
 * @param trainable           "yes", "no", "partly" or "-" when the row owns no parameters
 * @param macs                multiply-accumulates for the whole batch (conventions of convmath)
 * @param rf                  receptive field, in input pixels, of the central unit of this output
 * @param jump                input pixels between neighbouring units of this output (input size ÷ output size)
 */
public record LayerRow(String path, String type, List<String> inputShapes, String outputShape, long inChannels,
                       long outChannels, String kernelStridePadding, long parameters, double percentOfParameters,
                       String trainable, long macs, long flops, long rf, double jump, long outputBytes) {

    public LayerRow {
        inputShapes = List.copyOf(inputShapes);
    }
}
