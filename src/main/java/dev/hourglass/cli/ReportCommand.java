package dev.hourglass.cli;

import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.Summary;
import dev.hourglass.inspect.SummaryBuilder;
import dev.hourglass.inspect.SummaryRenderer;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "The architecture report of a model (for now: its measured summary, Markdown).")
final class ReportCommand implements Runnable {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        ModelSpec s = model.resolve();
        Probe probe = Probe.build(s, deviceOptions.apply(), 0);
        Summary summary = SummaryBuilder.build(probe, model.label(), Shape.of(4, s.inputChannels(), s.imageSize(), s.imageSize()), 0);
        spec.commandLine().getOut().print(SummaryRenderer.markdown(summary, 0));
    }
}
