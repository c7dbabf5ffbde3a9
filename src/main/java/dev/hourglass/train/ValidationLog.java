package dev.hourglass.train;

/** One validation; a line of metrics.jsonl with kind "validation". */
public record ValidationLog(String kind, long step, double psnr, double ssim, int tiles, double elapsedSeconds) {
}
