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
 * matches.
 */
final class ModelFingerprint {

    private ModelFingerprint() {
    }

    static byte[] of(Autoencoder model) {
        try (MemoryScope s = new MemoryScope()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(SpecFiles.toJson(model.spec()).getBytes(StandardCharsets.UTF_8));
            for (StringTensorDict d : List.of(model.named_parameters(), model.named_buffers())) {
                for (long i = 0; i < d.size(); i++) {
                    sha.update(d.get(i).key().getString().getBytes(StandardCharsets.UTF_8));
                    float[] v = Tensors.toFloats(d.get(i).value());
                    ByteBuffer b = ByteBuffer.allocate(v.length * 4);
                    b.asFloatBuffer().put(v);
                    sha.update(b.array());
                }
            }
            return Arrays.copyOf(sha.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
