package dev.hourglass.cli;

import picocli.CommandLine.Option;

/** {@code --format} as a mixin: one class for each set of formats a verb offers. */
final class FormatOptions {

    private FormatOptions() {
    }

    static final class TextOrJson {
        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        OutputFormat format;
    }

    static final class TextMarkdownOrJson {
        @Option(names = "--format", defaultValue = "text", description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
        OutputFormat format;
    }

    static final class Table {
        @Option(names = "--format", defaultValue = "text", description = "text, markdown, json or csv (default: ${DEFAULT-VALUE}).")
        OutputFormat format;
    }

    static final class MarkdownOrJson {
        @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default: ${DEFAULT-VALUE}).")
        OutputFormat format;
    }
}
