package dev.hourglass.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Procedural grayscale phantoms, like CT phantoms: a body ellipse holding random ellipses of
 * different intensities, a smooth intensity ramp across the image and a fine value-noise
 * texture. Deterministic for a seed, so every machine builds the same set with nothing downloaded.
 */
public final class Phantoms {

    private Phantoms() {
    }

    public static List<GrayImage> generate(int count, int size, long seed) {
        List<GrayImage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(one(size, new Random(seed * 1_000_003L + i)));
        }
        return out;
    }

    static GrayImage one(int size, Random r) {
        float[] p = new float[size * size];
        double gx = r.nextGaussian() * 0.15;
        double gy = r.nextGaussian() * 0.15;
        addEllipse(p, size, 0.5, 0.5, 0.42 + 0.05 * r.nextDouble(), 0.32 + 0.1 * r.nextDouble(), r.nextDouble() * Math.PI, 0.35 + 0.2 * r.nextDouble());
        int inner = 4 + r.nextInt(8);
        for (int k = 0; k < inner; k++) {
            double cx = 0.5 + (r.nextDouble() - 0.5) * 0.55;
            double cy = 0.5 + (r.nextDouble() - 0.5) * 0.55;
            addEllipse(p, size, cx, cy, 0.03 + 0.15 * r.nextDouble(), 0.03 + 0.12 * r.nextDouble(), r.nextDouble() * Math.PI,
                    (r.nextDouble() - 0.4) * 0.4);
        }
        float[] noise = valueNoise(size, 8, r);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double ramp = gx * (x / (double) size - 0.5) + gy * (y / (double) size - 0.5);
                double v = p[i] * (1 + ramp) + (p[i] > 0 ? 0.06 * (noise[i] - 0.5) : 0) + 0.02;
                p[i] = (float) Math.max(0, Math.min(1, v));
            }
        }
        return new GrayImage(size, size, p);
    }

    private static void addEllipse(float[] p, int size, double cx, double cy, double a, double b, double angle, double value) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = (x + 0.5) / size - cx;
                double dy = (y + 0.5) / size - cy;
                double u = (dx * cos + dy * sin) / a;
                double v = (-dx * sin + dy * cos) / b;
                if (u * u + v * v <= 1) p[y * size + x] += (float) value;
            }
        }
    }

    /** Bilinearly interpolated random lattice values, cell size {@code cell} pixels, in [0,1]. */
    private static float[] valueNoise(int size, int cell, Random r) {
        int n = size / cell + 2;
        double[] lattice = new double[n * n];
        for (int i = 0; i < lattice.length; i++) lattice[i] = r.nextDouble();
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int ix = x / cell;
                int iy = y / cell;
                double fx = (x % cell) / (double) cell;
                double fy = (y % cell) / (double) cell;
                double top = lattice[iy * n + ix] * (1 - fx) + lattice[iy * n + ix + 1] * fx;
                double bottom = lattice[(iy + 1) * n + ix] * (1 - fx) + lattice[(iy + 1) * n + ix + 1] * fx;
                out[y * size + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
