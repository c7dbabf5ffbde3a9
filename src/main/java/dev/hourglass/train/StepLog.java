package dev.hourglass.train;

/** One logged training step; a line of metrics.jsonl with kind "train". */
public record StepLog(String kind, long step, double loss, double lr, double gradNorm, double imagesPerSecond,
                      double dataWaitShare, double elapsedSeconds) {
}
