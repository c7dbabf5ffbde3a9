package dev.hourglass.inspect;

import java.util.List;

/**
 * The summary table and its footer. The footer's totals are sums of the rows; beside them, what
 * others count: {@link #libtorchParameters}, the numel of every named parameter of the real
 * model, and {@link #convmathParameters} and {@link #convmathMacs}, what convmath's plan of the
 * spec predicts without running anything. Tests hold the sums against both.
 *
 * @param compressionRatio   input values ÷ latent values
 * @param ratioBits8         input bits (8-bit pixels) ÷ latent bits with 8-bit latent values
 * @param ratioBits32        input bits (8-bit pixels) ÷ latent bits with 32-bit float latent values
 */
public record Summary(String model, String device, String input, List<LayerRow> rows, long totalParameters,
                      long trainableParameters, long nonTrainableParameters, long convmathParameters, long totalMacs,
                      long totalFlops, long parameterBytes, long activationBytes, String latent, List<String> skips,
                      String output, double compressionRatio, double ratioBits8, double ratioBits32, long libtorchParameters,
                      long convmathMacs) {

    public Summary {
        rows = List.copyOf(rows);
        skips = List.copyOf(skips);
    }
}
