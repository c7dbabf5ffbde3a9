package dev.hourglass.cli;

/** Output formats; each verb says which it accepts. */
enum OutputFormat {
    TEXT, MARKDOWN, JSON, CSV
}
