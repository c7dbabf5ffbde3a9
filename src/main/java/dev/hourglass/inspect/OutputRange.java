package dev.hourglass.inspect;

/** The output range on one input with the model's Sigmoid and without it (same weights, same input). */
public record OutputRange(String input, double sigmoidMin, double sigmoidMax, double rawMin, double rawMax) {
}
