package dev.hourglass.cli;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.interop.NameLayout;
import dev.hourglass.interop.WeightImport;
import dev.hourglass.interop.WeightsFile;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ModelWeights;
import dev.hourglass.spec.SpecFiles;
import dev.hourglass.train.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import weights trained in PyTorch into an hourglass checkpoint.",
                "Reads --pytorch FILE, either what torch.save(model.state_dict(), path) writes (a zip; the pickle inside is read"
                        + " allowing only tensors, dicts, lists, tuples and numbers) or a .safetensors file, matches every tensor to"
                        + " the model of --arch or --spec by name and shape (--names: our own names, which model.py from 'export'"
                        + " uses, or a flat nn.Sequential encoder/decoder; by default whichever names every tensor), and writes a"
                        + " model-only checkpoint. Any missing, unexpected or misshapen tensor, or a NaN, refuses the file (exit 3)"
                        + " with the list of mismatches: never a partial load."})
final class ImportCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Option(names = "--pytorch", required = true, paramLabel = "FILE", description = "A torch.save(state_dict) zip or a .safetensors file.")
    Path pytorch;
    @Option(names = "--names", paramLabel = "LAYOUT", description = "auto (default), hourglass or sequential.")
    String names = "auto";
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "The checkpoint to write.")
    Path output;

    @Override
    public void run() {
        if (model.checkpoint != null) throw Usage.error(spec, "import builds the model from --arch or --spec, not --checkpoint");
        if (model.choice == null) throw Usage.error(spec, "import needs --arch NAME or --spec FILE: the model the weights belong to");
        NameLayout layout = switch (names.toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "hourglass" -> NameLayout.HOURGLASS;
            case "sequential" -> NameLayout.SEQUENTIAL;
            default -> throw Usage.error(spec, "--names must be auto, hourglass or sequential but was " + names);
        };
        Outputs.check(output);
        ModelSpec s = model.resolve();
        WeightsFile file = WeightsFile.read(pytorch);
        ModelRunner runner = ModelRunner.build(s, DeviceChoice.CPU, 0);
        WeightImport.Result r = WeightImport.match(file, s, ModelWeights.read(runner.model()), layout);
        ModelWeights.write(runner.model(), r.weights());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("importedFrom", pytorch.getFileName().toString());
        meta.put("importFormat", file.format().label());
        meta.put("names", r.layout().key());
        try {
            Checkpoint.save(runner.model(), Json.write(meta), output);
        } catch (IOException e) {
            throw Outputs.failed(output, e);
        }
        out().printf(Locale.ROOT, "%s (%s, %s names) → %s: %d tensors, %,d parameters (%s), fingerprint %s%n", pytorch,
                file.format().label(), r.layout().key(), output, r.weights().size(), runner.parameterCount(),
                model.label(), HexFormat.of().formatHex(runner.fingerprint()));
    }
}
