/**
 * The autoencoder family: an immutable {@link dev.hourglass.model.ModelSpec}, named presets, the
 * libtorch modules built from a spec, and {@link dev.hourglass.model.Probe}, which runs the real
 * network and reports what it measured as plain Java values.
 *
 * <pre>
 *   x ─► encoder ─► latent ─► decoder ─► x̂
 *          │  stage outputs (skips = concat)  ▲
 *          └──────────────────────────────────┘
 * </pre>
 */
package dev.hourglass.model;
