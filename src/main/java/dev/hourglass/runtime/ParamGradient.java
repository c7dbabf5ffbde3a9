package dev.hourglass.runtime;

import dev.hourglass.convmath.Shape;

/**
 * The gradient one parameter received: whether it is defined at all, its L2 norm and largest
 * magnitude (computed over finite entries), and how many entries are NaN or infinite.
 */
public record ParamGradient(String name, Shape shape, boolean defined, double norm, double maxAbs, long nanCount,
                            long infCount) {
}
