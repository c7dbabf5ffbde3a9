package dev.hourglass.data;

/** A single-channel image: width, height and row-major pixel values in [0,1]. */
public record GrayImage(int width, int height, float[] pixels) {

    public GrayImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive but was " + width + "×" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + (long) width * height + " pixels but got " + pixels.length);
        }
    }

    public float get(int x, int y) {
        return pixels[y * width + x];
    }

    /** Copies a list of equally sized images into one row-major [n, 1, h, w] array. */
    public static float[] stack(java.util.List<GrayImage> images) {
        GrayImage first = images.get(0);
        int n = first.width * first.height;
        float[] out = new float[images.size() * n];
        for (int i = 0; i < images.size(); i++) {
            GrayImage g = images.get(i);
            if (g.width != first.width || g.height != first.height) {
                throw new IllegalArgumentException("images must share one size: " + first.width + "×" + first.height
                        + " and " + g.width + "×" + g.height);
            }
            System.arraycopy(g.pixels, 0, out, i * n, n);
        }
        return out;
    }
}
