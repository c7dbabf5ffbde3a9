package dev.hourglass.train;

import dev.hourglass.backend.AtomicFiles;
import dev.hourglass.backend.BackendException;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.spec.SpecFiles;
import org.bytedeco.pytorch.AbstractTensor;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.isfinite;

/**
 * A model on disk: a libtorch archive (zip) holding the module's parameters and buffers under
 * their PyTorch-style names, the spec as JSON ({@value #SPEC_KEY}) and free-form JSON metadata
 * ({@value #META_KEY}: provenance, training state). Written atomically; on load every tensor's
 * shape is checked against the spec, because libtorch itself loads mismatched shapes silently.
 */
public final class Checkpoint {

    public static final String SPEC_KEY = "hourglass_spec";
    public static final String META_KEY = "hourglass_meta";
    public static final String OPTIMIZER_KEY = "hourglass_optimizer";

    /**
     * A loaded checkpoint: the spec it holds, the model with its weights, its metadata JSON, the
     * optimiser if asked for, and whether it carried a checksum (files written before checksums
     * existed load unverified; callers warn).
     */
    public record Loaded(ModelSpec spec, Autoencoder model, String metaJson, org.bytedeco.pytorch.Optimizer optimizer,
                         boolean checksummed) {
    }

    private Checkpoint() {
    }

    /** Writes the model alone (no optimiser state). */
    public static void save(Autoencoder model, String metaJson, Path file) throws IOException {
        save(model, null, metaJson, file);
    }

    /**
     * Writes to a temporary file in the same folder, forces it to disk, then renames it over
     * {@code file}, so a kill at any moment leaves either the old or the new checkpoint. Refuses
     * to write non-finite weights.
     */
    public static void save(Autoencoder model, org.bytedeco.pytorch.Optimizer optimizer, String metaJson, Path file) throws IOException {
        Torch.load();
        requireFinite(model, file);
        AtomicFiles.write(file, tmp -> {
            try (MemoryScope s = new MemoryScope()) {
                OutputArchive a = new OutputArchive();
                model.save(a);
                String specJson = SpecFiles.toJson(model.spec());
                a.write(SPEC_KEY, new IValue(specJson));
                a.write(META_KEY, new IValue(metaJson));
                byte[] optimizerState = null;
                if (optimizer != null) {
                    optimizerState = optimizerBytes(optimizer, tmp);
                    a.write(OPTIMIZER_KEY, AbstractTensor.create(optimizerState));
                }
                a.write(CheckpointChecksum.KEY, new IValue(CheckpointChecksum.of(specJson, metaJson, model, optimizerState)));
                a.save_to(tmp.toString());
            } catch (RuntimeException e) {
                throw new IOException("cannot write checkpoint " + file + ": " + BackendException.firstLine(e), e);
            }
        });
    }

    public static Loaded load(Path file) {
        return load(file, null);
    }

    /**
     * Loads a checkpoint; when {@code optimizerFor} is given, builds an optimiser over the loaded
     * model's parameters and restores its state from the file ({@link Loaded#optimizer()}).
     */
    public static Loaded load(Path file, java.util.function.Function<Autoencoder, org.bytedeco.pytorch.Optimizer> optimizerFor) {
        Torch.load();
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": no such checkpoint file");
        }
        InputArchive a = new InputArchive();
        try {
            a.load_from(file.toString());
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": not a readable checkpoint (corrupt or truncated?): " + BackendException.firstLine(e));
        }
        String specJson = readString(a, SPEC_KEY, file);
        ModelSpec spec = SpecFiles.fromJson(specJson, file + " (embedded spec)");
        String meta = readString(a, META_KEY, file);
        Autoencoder model = new Autoencoder(spec);
        List<String> expected = shapes(model);
        try {
            model.load(a);
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": weights do not match the embedded spec: " + BackendException.firstLine(e));
        }
        List<String> found = shapes(model);
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(found.get(i))) {
                throw new CheckpointException(file + ": expected " + expected.get(i) + " but found " + found.get(i));
            }
        }
        boolean checksummed = CheckpointChecksum.verify(a, file, specJson, meta, model);
        requireFinite(model, file);
        org.bytedeco.pytorch.Optimizer optimizer = null;
        if (optimizerFor != null) {
            optimizer = optimizerFor.apply(model);
            Tensor stored = new Tensor();
            if (!a.try_read(OPTIMIZER_KEY, stored)) {
                throw new CheckpointException(file + ": holds no optimiser state, so training cannot resume from it");
            }
            float[] values = Tensors.toFloats(stored);
            byte[] bytes = new byte[values.length];
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) values[i];
            try (org.bytedeco.javacpp.BytePointer data = new org.bytedeco.javacpp.BytePointer(bytes)) {
                InputArchive o = new InputArchive();
                o.load_from(data, bytes.length);
                optimizer.load(o);
            } catch (RuntimeException e) {
                throw new CheckpointException(file + ": optimiser state does not fit the model: " + BackendException.firstLine(e));
            }
        }
        return new Loaded(spec, model, meta, optimizer, checksummed);
    }

    /**
     * The optimiser's own archive as bytes, stored in the checkpoint as a byte tensor (through a
     * temporary file, as the bindings offer no in-memory writer), so the checkpoint needs no
     * nested archive. The archive is closed here, before the caller's memory scope ends: it lives
     * exactly as long as it is written.
     */
    private static byte[] optimizerBytes(org.bytedeco.pytorch.Optimizer optimizer, Path next) throws IOException {
        Path f = Files.createTempFile(next.toAbsolutePath().getParent(), ".optimizer", ".tmp");
        try {
            try (OutputArchive o = new OutputArchive()) {
                optimizer.save(o);
                o.save_to(f.toString());
            }
            return Files.readAllBytes(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static String readString(InputArchive a, String key, Path file) {
        try (MemoryScope s = new MemoryScope()) {
            IValue v = new IValue();
            if (!a.try_read(key, v) || !v.isString()) {
                throw new CheckpointException(file + ": not an hourglass checkpoint (no " + key + " entry)");
            }
            return v.toStringRef().getString();
        }
    }

    private static List<String> shapes(Autoencoder m) {
        List<String> out = new ArrayList<>();
        try (MemoryScope s = new MemoryScope()) {
            StringTensorDict p = m.named_parameters();
            for (long i = 0; i < p.size(); i++) out.add(p.get(i).key().getString() + " " + java.util.Arrays.toString(Tensors.shape(p.get(i).value())));
            StringTensorDict b = m.named_buffers();
            for (long i = 0; i < b.size(); i++) out.add(b.get(i).key().getString() + " " + java.util.Arrays.toString(Tensors.shape(b.get(i).value())));
        }
        return out;
    }

    private static void requireFinite(Autoencoder m, Path file) {
        try (MemoryScope s = new MemoryScope()) {
            StringTensorDict p = m.named_parameters();
            for (long i = 0; i < p.size(); i++) {
                Tensor t = p.get(i).value();
                if (!isfinite(t).all().item_bool()) {
                    throw new CheckpointException(file + ": parameter " + p.get(i).key().getString() + " holds NaN or Inf values");
                }
            }
        }
    }
}
