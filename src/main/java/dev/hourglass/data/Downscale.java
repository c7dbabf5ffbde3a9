package dev.hourglass.data;

/**
 * Integer-factor downscaling by averaging each factor × factor block (a box filter). Photographs
 * stored as JPEG carry 8×8 block artefacts; averaging 4×4 blocks of them leaves images whose
 * statistics are those of the scene rather than of the JPEG encoder, which matters when a codec is
 * trained on them or compared against JPEG on them. Trailing rows and columns that do not fill a
 * block are dropped.
 */
public final class Downscale {

    private Downscale() {
    }

    public static GrayImage box(GrayImage img, int factor) {
        if (factor < 1) throw new IllegalArgumentException("downscale factor must be 1 or more but was " + factor);
        if (factor == 1) return img;
        int w = img.width() / factor;
        int h = img.height() / factor;
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("a " + img.width() + "×" + img.height() + " image is smaller than the downscale factor " + factor);
        }
        float[] src = img.pixels();
        float[] out = new float[w * h];
        double norm = 1.0 / ((double) factor * factor);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int row = (y * factor + dy) * img.width() + x * factor;
                    for (int dx = 0; dx < factor; dx++) sum += src[row + dx];
                }
                out[y * w + x] = (float) (sum * norm);
            }
        }
        return new GrayImage(w, h, out);
    }
}
