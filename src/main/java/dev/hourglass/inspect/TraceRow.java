package dev.hourglass.inspect;

/** One step of a shape trace: what the module gave, what convmath predicted, and whether they agree. */
public record TraceRow(String path, String type, String input, String measured, String predicted, boolean match) {
}
