package dev.hourglass.inspect;

import dev.hourglass.runtime.ResidualBlockCheck;

/** Residual blocks: what they add to the model (comparison) and a check of one block alone. */
public record ResidualFindings(Comparison comparison, ResidualBlockCheck.Result blockCheck, boolean measuredCountsMatch) {
}
