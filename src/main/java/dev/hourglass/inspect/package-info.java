/**
 * Walks a built model and measures it: layer rows and summaries, shape checks and traces,
 * gradient flow, receptive fields, skip bypass. Walkers compute, renderers only format.
 */
package dev.hourglass.inspect;
