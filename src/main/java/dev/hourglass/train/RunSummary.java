package dev.hourglass.train;

import java.util.List;

/** summary.json of a run folder. */
public record RunSummary(String hourglass, String libtorch, String device, int threads, TrainConfig config, long steps,
                         double finalLoss, double validationPsnr, double validationSsim, double meanImagePsnr,
                         int validationTiles, double imagesPerSecond, double wallSeconds, double dataWaitShare,
                         int trainingImages, List<String> validationFiles, int skippedFiles, List<String> skipped, boolean resumed,
                         String finishedAt) {

    public RunSummary {
        skipped = List.copyOf(skipped);
        validationFiles = List.copyOf(validationFiles);
    }
}
