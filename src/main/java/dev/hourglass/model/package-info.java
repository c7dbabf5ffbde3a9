/**
 * The autoencoder family: an immutable {@link dev.hourglass.model.ModelSpec}, named presets, the
 * planned architecture ({@link dev.hourglass.model.Architecture}, pure arithmetic) and the libtorch
 * modules built from a spec. Running and measuring a built model is {@code runtime}'s job,
 * training it {@code train}'s, reading and writing specs {@code spec}'s.
 *
 * <pre>
 *   x ─► encoder ─► latent ─► decoder ─► x̂
 *          │  stage outputs (skips = concat)  ▲
 *          └──────────────────────────────────┘
 * </pre>
 */
package dev.hourglass.model;
