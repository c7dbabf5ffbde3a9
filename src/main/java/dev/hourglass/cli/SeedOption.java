package dev.hourglass.cli;

import picocli.CommandLine.Option;

/** {@code --seed S}: every random source of a verb (weights, inputs, splits, batches) is seeded from it. */
final class SeedOption {

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the weights and of every random draw (inputs, data split, batches) (default: ${DEFAULT-VALUE}).")
    long seed;
}
