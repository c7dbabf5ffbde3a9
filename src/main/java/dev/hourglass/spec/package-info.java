/**
 * The JSON form of a {@link dev.hourglass.model.ModelSpec}: spec files and the spec embedded in
 * checkpoints. Every field is required and unknown fields are refused. The only package that
 * reads or writes spec JSON (Jackson), so that {@code model} holds no persistence.
 */
package dev.hourglass.spec;
