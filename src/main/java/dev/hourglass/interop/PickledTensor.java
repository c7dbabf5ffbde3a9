package dev.hourglass.interop;

/**
 * What {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)} describes: a view
 * of {@code size} with {@code stride} starting at element {@code offset} of a storage. Not yet
 * checked against the storage; {@link TorchZipReader} does that when it reads the bytes.
 */
record PickledTensor(PickledStorage storage, long offset, long[] size, long[] stride) {
}
