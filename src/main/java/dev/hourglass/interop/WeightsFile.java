package dev.hourglass.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A foreign weights file, read whichever of the two formats it is. */
public record WeightsFile(Path path, Format format, Map<String, ForeignTensor> tensors, Map<String, String> metadata) {

    public enum Format {
        TORCH_ZIP("torch.save zip"), SAFETENSORS("safetensors");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Reads {@code file}: a zip ({@code PK\3\4}) as a {@code torch.save} state_dict, anything else as
     * safetensors. Every failure is an {@link InteropException} of one line.
     */
    public static WeightsFile read(Path file) {
        if (!Files.isRegularFile(file)) throw new InteropException(file + ": no such file (or not a regular file)");
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        } catch (IOException e) {
            throw new InteropException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return new WeightsFile(file, Format.TORCH_ZIP, TorchZipReader.read(file), Map.of());
        }
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x80 && magic[1] <= 5) {
            throw new InteropException(file + ": a legacy torch.save file (PyTorch before 1.6, or _use_new_zipfile_serialization=False);"
                    + " save it again with torch.save(state_dict, path) in PyTorch 1.6 or later");
        }
        SafetensorsReader.Contents c = SafetensorsReader.read(file);
        return new WeightsFile(file, Format.SAFETENSORS, c.tensors(), c.metadata());
    }
}
