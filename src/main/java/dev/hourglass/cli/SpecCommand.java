package dev.hourglass.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "spec", mixinStandardHelpOptions = true,
        description = {"Print a model spec as JSON: a preset with --arch, or a spec file with --spec (validated).",
                "Start a custom model with: hourglass spec --arch baseline > my.json, edit it, then use --spec my.json."})
final class SpecCommand extends Verb {

    @Mixin
    ModelOptions model;

    @Override
    public void run() {
        out().println(dev.hourglass.spec.SpecFiles.toJson(model.resolve()));
    }
}
