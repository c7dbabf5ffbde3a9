/**
 * A built model on a device, run and measured, with every answer returned as plain Java values
 * (arrays, records): {@link dev.hourglass.runtime.ModelRunner} (build, forward, encode/decode,
 * reconstruct, parameters, fingerprint), gradient, effective-field and skip measurements, the
 * finite-difference check. Each measurement leaves the model as it found it
 * ({@link dev.hourglass.runtime.EvalMode}, {@link dev.hourglass.runtime.ModelSnapshot}).
 * The codec sees a network only through {@link dev.hourglass.runtime.EncoderDecoder}.
 */
package dev.hourglass.runtime;
