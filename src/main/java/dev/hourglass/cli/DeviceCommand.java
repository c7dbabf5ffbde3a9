package dev.hourglass.cli;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Devices;
import dev.hourglass.backend.Torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Print the device hourglass would use, the libtorch version, its threads and whether oneDNN is used.")
final class DeviceCommand extends Verb {

    @Mixin
    DeviceOptions deviceOptions;

    @Mixin
    FormatOptions.TextOrJson formatOption;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.JSON);
        DeviceChoice choice = deviceOptions.apply();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("device", Devices.name(choice));
        facts.put("cudaAvailable", Torch.cudaAvailable());
        facts.put("libtorch", Torch.version());
        facts.put("javacpp", Torch.bindingsVersion());
        facts.put("threads", Torch.threads());
        facts.put("oneDNN", Torch.hasOneDnn());
        facts.put("cores", Runtime.getRuntime().availableProcessors());
        PrintWriter out = out();
        if (formatOption.format == OutputFormat.JSON) {
            out.println(Json.write(facts));
            return;
        }
        out.printf("device     %s%s%n", facts.get("device"), Torch.cudaAvailable() ? "" : " (no CUDA device available)");
        out.printf("libtorch   %s (JavaCPP presets %s)%n", facts.get("libtorch"), facts.get("javacpp"));
        out.printf("threads    %d intra-op (machine has %d cores)%n", Torch.threads(), Runtime.getRuntime().availableProcessors());
        out.printf("oneDNN     %s%n", Torch.hasOneDnn() ? "yes (mkldnn is built in and used for CPU convolutions)" : "no");
    }
}
