/**
 * Where the network meets the entropy coder:
 * <pre>
 *   x ─► pad ─► encoder ─► latent ─► Q (Δ) ─► arithmetic coder ─► .hg file
 *   .hg ─► arithmetic decoder ─► q·Δ ─► decoder ─► crop ─► x̂
 * </pre>
 */
package dev.hourglass.codec;
