/**
 * Closed-form arithmetic of convolutions: output sizes of forward and transposed convolutions,
 * parameter counts with groups and bias, multiply-accumulate counts, receptive and projective
 * fields. Every result can show its worked arithmetic ({@link dev.hourglass.convmath.WorkedArithmetic}).
 *
 * <p>Pure Java: nothing here loads a native library.
 */
package dev.hourglass.convmath;
