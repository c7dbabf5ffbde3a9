package dev.hourglass.train;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.model.Autoencoder;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The checksum a checkpoint carries under {@value #KEY}: "sha256:" and the hex SHA-256 over the
 * spec JSON, the metadata JSON, every parameter and buffer (name, dtype, shape and raw bytes, in
 * registration order) and the optimiser state's bytes when the checkpoint holds them. libtorch's
 * archive loads damaged tensor bytes without complaint, so this is what finds them.
 */
final class CheckpointChecksum {

    static final String KEY = "hourglass_checksum";
    static final String PREFIX = "sha256:";

    private CheckpointChecksum() {
    }

    /** @param optimizerBytes the optimiser state as stored, or null when the checkpoint holds none */
    static String of(String specJson, String metaJson, Autoencoder model, byte[] optimizerBytes) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        field(sha, "spec", specJson.getBytes(StandardCharsets.UTF_8));
        field(sha, "meta", metaJson.getBytes(StandardCharsets.UTF_8));
        try (MemoryScope s = new MemoryScope()) {
            for (StringTensorDict d : List.of(model.named_parameters(), model.named_buffers())) {
                for (long i = 0; i < d.size(); i++) {
                    Tensor t = d.get(i).value();
                    String head = d.get(i).key().getString() + " " + t.scalar_type() + " " + java.util.Arrays.toString(Tensors.shape(t));
                    field(sha, head, Tensors.toBytes(t));
                }
            }
        }
        if (optimizerBytes != null) field(sha, "optimizer", optimizerBytes);
        return PREFIX + HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Checks the checksum of a loaded archive against what was loaded from it.
     *
     * @return false when the archive carries none (written before checksums existed)
     * @throws CheckpointException when it does not match
     */
    static boolean verify(org.bytedeco.pytorch.InputArchive a, java.nio.file.Path file, String specJson, String metaJson, Autoencoder model) {
        String stored;
        byte[] optimizerBytes = null;
        try (MemoryScope s = new MemoryScope()) {
            org.bytedeco.pytorch.IValue v = new org.bytedeco.pytorch.IValue();
            if (!a.try_read(KEY, v)) return false;
            if (!v.isString()) throw new CheckpointException(file + ": its checksum entry is not text: corrupt checkpoint");
            stored = v.toStringRef().getString();
            Tensor opt = new Tensor();
            if (a.try_read(Checkpoint.OPTIMIZER_KEY, opt)) optimizerBytes = Tensors.toBytes(opt);
        }
        String actual = of(specJson, metaJson, model, optimizerBytes);
        if (!actual.equals(stored)) {
            throw new CheckpointException(file + ": checksum mismatch (stored " + abbreviate(stored) + ", computed " + abbreviate(actual)
                    + "): the file is corrupt; use another checkpoint, e.g. one of the run's checkpoints/step-N.ckpt");
        }
        return true;
    }

    private static String abbreviate(String checksum) {
        return checksum.length() > PREFIX.length() + 12 ? checksum.substring(0, PREFIX.length() + 12) + "…" : checksum;
    }

    /** A name and a length before each field, so that no two different contents hash alike by shifting bytes between fields. */
    private static void field(MessageDigest sha, String name, byte[] bytes) {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(java.nio.ByteBuffer.allocate(8).putLong(bytes.length).array());
        sha.update(bytes);
    }
}
