package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.spec.SpecFiles;
import org.bytedeco.pytorch.StringTensorDict;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * 16 bytes identifying a model: SHA-256 over the spec JSON and every parameter and buffer (names
 * and float32 values in order), truncated. Two models decode a file identically only if this
 * matches. The same digest without the spec is the replicas' fingerprint in data-parallel
 * training ({@code train.WeightFingerprint}).
 */
public final class ModelFingerprint {

    private ModelFingerprint() {
    }

    static byte[] of(Autoencoder model) {
        return Arrays.copyOf(sha256(model, true), 16);
    }

    /** SHA-256 over the spec JSON (when {@code withSpec}), then every parameter and buffer: its name and its exact float32 bits. */
    public static byte[] sha256(Autoencoder model, boolean withSpec) {
        try (MemoryScope s = new MemoryScope()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (withSpec) sha.update(SpecFiles.toJson(model.spec()).getBytes(StandardCharsets.UTF_8));
            for (StringTensorDict d : List.of(model.named_parameters(), model.named_buffers())) {
                for (long i = 0; i < d.size(); i++) {
                    sha.update(d.get(i).key().getString().getBytes(StandardCharsets.UTF_8));
                    float[] v = Tensors.toFloats(d.get(i).value());
                    ByteBuffer b = ByteBuffer.allocate(v.length * 4);
                    b.asFloatBuffer().put(v);
                    sha.update(b.array());
                }
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
