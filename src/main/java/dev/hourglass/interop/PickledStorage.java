package dev.hourglass.interop;

/**
 * A persistent id of a PyTorch pickle, {@code ('storage', torch.FloatStorage, '0', 'cpu', numel)}:
 * the zip entry {@code data/<key>} holds {@code numel} elements of {@code dtype}.
 */
record PickledStorage(DType dtype, String key, long numel) {
}
