package dev.hourglass.cli;

import dev.hourglass.interop.PyTorchModule;
import dev.hourglass.interop.SafetensorsWriter;
import dev.hourglass.runtime.ModelWeights;
import dev.hourglass.runtime.WeightTensor;
import dev.hourglass.spec.SpecFiles;
import dev.hourglass.train.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a checkpoint's weights for PyTorch: weights.safetensors and model.py.",
                "Writes into the folder -o: weights.safetensors (every parameter and buffer: BatchNorm's running statistics"
                        + " and num_batches_tracked, GDN's parameters, the entropy model's density and its frozen tables; the"
                        + " spec in __metadata__) and model.py, a plain PyTorch module of the spec with the same names, which"
                        + " needs only torch and the standard library: python model.py weights.safetensors image.png [out.png]"
                        + " reconstructs an image. 'hourglass import --pytorch weights.safetensors --spec ...' reads them back."})
final class ExportCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Option(names = "--format", paramLabel = "FORMAT", description = "safetensors (the only one).")
    String format = "safetensors";
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "The folder to write (created if missing).")
    Path folder;

    @Override
    public void run() {
        if (model.checkpoint == null) throw Usage.error(spec, "export needs --checkpoint FILE (the weights to export)");
        if (!format.equalsIgnoreCase("safetensors")) throw Usage.error(spec, "--format must be safetensors but was " + format);
        Outputs.checkFolder(folder);
        var loaded = Checkpoint.load(model.checkpoint);
        if (!loaded.checksummed()) ModelOptions.warnUnverified(spec.commandLine().getErr(), model.checkpoint);
        List<WeightTensor> weights = ModelWeights.read(loaded.model());
        String specJson = SpecFiles.toJson(loaded.spec());
        String module = PyTorchModule.source(loaded.spec(), specJson); // before anything is written: it refuses what it cannot describe
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("hourglass_spec", specJson);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw Outputs.failed(folder, e);
        }
        Path weightsFile = folder.resolve("weights.safetensors");
        Path moduleFile = folder.resolve("model.py");
        Outputs.writeBytes(weightsFile, SafetensorsWriter.bytes(weights, meta));
        Outputs.writeString(moduleFile, module);
        long values = 0;
        for (WeightTensor w : weights) values += w.integer() ? w.longs().length : w.floats().length;
        out().printf(Locale.ROOT, "%s → %s, %s: %d tensors, %,d values%n", model.checkpoint, weightsFile, moduleFile, weights.size(), values);
    }
}
