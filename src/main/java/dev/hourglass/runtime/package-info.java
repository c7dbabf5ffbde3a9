/**
 * A built model on a device, run and measured, with every answer returned as plain Java values
 * (arrays, records): {@link dev.hourglass.runtime.ModelRunner} (build, forward, encode/decode,
 * reconstruct, parameters, fingerprint), gradient, effective-field and skip measurements, the
 * finite-difference check. Each measurement leaves the model as it found it
 * ({@link dev.hourglass.runtime.EvalMode}, {@link dev.hourglass.runtime.ModelSnapshot}).
 * The codec sees a network only through {@link dev.hourglass.runtime.EncoderDecoder}.
 *
 * <p>Measurements are not thread-safe: they reseed libtorch's process-wide random generator and
 * switch the model between training and eval mode while they run, so two at once (on one model,
 * or on two models from two threads) corrupt each other. Run them one after another.
 */
package dev.hourglass.runtime;
