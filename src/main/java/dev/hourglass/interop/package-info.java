/**
 * PyTorch exchange: reading {@code torch.save(model.state_dict())} zips (the pickle through
 * Pyrolite, allowing only what a state_dict is made of) and {@code .safetensors} files, mapping
 * their names to ours, and writing a model's weights as safetensors with a generated plain
 * PyTorch {@code model.py}. Pure Java: the weights reach and leave the libtorch model through
 * {@code runtime.ModelWeights} as plain arrays.
 */
package dev.hourglass.interop;
