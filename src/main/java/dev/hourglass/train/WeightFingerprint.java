package dev.hourglass.train;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.model.Autoencoder;
import org.bytedeco.pytorch.StringTensorDict;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** 64 bits of SHA-256 over every parameter and buffer (names and exact float32 bits, in order): equal replicas, equal fingerprints. */
final class WeightFingerprint {

    private WeightFingerprint() {
    }

    static long of(Autoencoder model) {
        try (MemoryScope s = new MemoryScope()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (StringTensorDict d : List.of(model.named_parameters(), model.named_buffers())) {
                for (long i = 0; i < d.size(); i++) {
                    sha.update(d.get(i).key().getString().getBytes(StandardCharsets.UTF_8));
                    float[] v = Tensors.toFloats(d.get(i).value());
                    ByteBuffer b = ByteBuffer.allocate(v.length * 4);
                    b.asFloatBuffer().put(v);
                    sha.update(b.array());
                }
            }
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
