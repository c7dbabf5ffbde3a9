package dev.hourglass.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "spec", mixinStandardHelpOptions = true,
        description = {"Print a model spec as JSON: a preset with --arch, or a spec file with --spec (validated).",
                "Start a custom model with: hourglass spec --arch baseline > my.json, edit it, then use --spec my.json."})
final class SpecCommand implements Runnable {

    @Mixin
    ModelOptions model;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(dev.hourglass.spec.SpecFiles.toJson(model.resolve()));
    }
}
