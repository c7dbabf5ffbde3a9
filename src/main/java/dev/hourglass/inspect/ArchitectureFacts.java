package dev.hourglass.inspect;

/** The course's "Architecture Summary", filled in from measurements. */
public record ArchitectureFacts(long totalParameters, long trainableParameters, String inputShape, String latentShape,
                                double compressionRatio, boolean hasSkipConnections, boolean hasResidualBlocks,
                                String outputActivation) {
}
