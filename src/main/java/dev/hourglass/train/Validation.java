package dev.hourglass.train;

import dev.hourglass.data.GrayImage;
import dev.hourglass.metrics.Psnr;
import dev.hourglass.metrics.Ssim;

import java.util.List;

/** Mean PSNR (peak 1) and SSIM (data range 1) of reconstructions over fixed validation tiles. */
final class Validation {

    /** Reconstructs {@code n} stacked tiles of side {@code size}. */
    interface Reconstructor {
        float[] apply(float[] batch, int n, int size);
    }

    record Scores(double psnr, double ssim) {
    }

    private Validation() {
    }

    static Scores score(List<GrayImage> tiles, int chunk, Reconstructor model) {
        int size = tiles.get(0).width();
        int per = size * size;
        double psnr = 0;
        double ssim = 0;
        for (int start = 0; start < tiles.size(); start += chunk) {
            List<GrayImage> part = tiles.subList(start, Math.min(tiles.size(), start + chunk));
            float[] out = model.apply(GrayImage.stack(part), part.size(), size);
            for (int i = 0; i < part.size(); i++) {
                float[] x = part.get(i).pixels();
                float[] y = java.util.Arrays.copyOfRange(out, i * per, (i + 1) * per);
                psnr += Psnr.of(x, y, 1);
                ssim += Ssim.of(x, y, size, size, 1);
            }
        }
        return new Scores(psnr / tiles.size(), ssim / tiles.size());
    }

    /** The entropy model's estimate of the rate of the tiles with rounding, in bits per pixel. */
    static double estimatedBpp(List<GrayImage> tiles, int chunk, TrainableModel model) {
        int size = tiles.get(0).width();
        double bits = 0;
        for (int start = 0; start < tiles.size(); start += chunk) {
            List<GrayImage> part = tiles.subList(start, Math.min(tiles.size(), start + chunk));
            bits += model.estimateBpp(GrayImage.stack(part), part.size(), size, size) * part.size();
        }
        return bits / tiles.size();
    }

    /** PSNR of predicting every tile by the mean image of the tiles: the floor a trained model must beat. */
    static double meanImagePsnr(List<GrayImage> tiles) {
        int n = tiles.get(0).pixels().length;
        float[] mean = new float[n];
        for (GrayImage t : tiles) for (int i = 0; i < n; i++) mean[i] += t.pixels()[i] / tiles.size();
        double sum = 0;
        for (GrayImage t : tiles) sum += Psnr.of(t.pixels(), mean, 1);
        return sum / tiles.size();
    }

}
