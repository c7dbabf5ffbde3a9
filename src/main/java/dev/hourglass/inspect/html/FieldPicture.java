package dev.hourglass.inspect.html;

import dev.hourglass.data.GrayImage;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The receptive field of the central latent unit drawn over an image: the effective field (the
 * gradient map) as a heat overlay, the theoretical field, the squares holding 50% and 95% of the
 * gradient mass and the unit's own patch; the whole image on the left, the region around the
 * unit enlarged on the right, a legend underneath.
 *
 * @param centre position of the unit's centre in input pixels (pixel centres at 0, 1, 2…), same for rows and columns
 */
record FieldPicture(GrayImage background, GrayImage map, double centre, int theoretical, int patch, int side50, int side95) {

    static final Color THEORY = new Color(0xFF, 0xD4, 0x00);
    static final Color MASS = new Color(0x00, 0xE5, 0xFF);
    static final int PANEL = 480;
    static final int GAP = 16;
    static final int LEGEND = 60;

    /** Side of the enlarged region: twice the theoretical field, at least 32 pixels, at most the image. */
    int zoomSide() {
        return Math.min(Math.min(background.width(), background.height()), Math.max(32, 2 * theoretical));
    }

    int width() {
        return 2 * PANEL + GAP;
    }

    byte[] png() {
        int size = Math.min(background.width(), background.height());
        int z = zoomSide();
        int zx = (int) Math.max(0, Math.min(size - z, Math.round(centre + 0.5 - z / 2.0)));
        BufferedImage img = new BufferedImage(width(), PANEL + LEGEND, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        panel(img, g, 0, 0, 0, size);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1f));
        double k = (double) PANEL / size;
        g.draw(new Rectangle2D.Double(zx * k, zx * k, z * k, z * k));
        panel(img, g, PANEL + GAP, zx, zx, z);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        legendEntry(g, 10, PANEL + 24, THEORY, null, "theoretical field " + theoretical + "×" + theoretical);
        legendEntry(g, 10, PANEL + 48, Color.DARK_GRAY, new float[]{2f, 3f}, "the unit's own patch " + patch + "×" + patch);
        legendEntry(g, PANEL + GAP, PANEL + 24, MASS, null, "50% of the gradient mass: " + side50 + "×" + side50);
        legendEntry(g, PANEL + GAP, PANEL + 48, MASS, new float[]{6f, 4f}, "95% of the gradient mass: " + side95 + "×" + side95);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The side×side window at (x0, y0) of the image, heat and squares, drawn into a PANEL×PANEL square at (left, 0). */
    private void panel(BufferedImage img, Graphics2D g, int left, int x0, int y0, int side) {
        double k = (double) PANEL / side;
        for (int y = 0; y < PANEL; y++) {
            for (int x = 0; x < PANEL; x++) {
                int px = Math.min(background.width() - 1, x0 + (int) (x / k));
                int py = Math.min(background.height() - 1, y0 + (int) (y / k));
                double grey = clamp(background.get(px, py));
                double v = clamp(map.get(px, py));
                double a = Math.min(1, Math.sqrt(v)) * 0.85;
                int[] heat = heat(v);
                int r = (int) Math.round((1 - a) * grey * 255 + a * heat[0]);
                int gg = (int) Math.round((1 - a) * grey * 255 + a * heat[1]);
                int b = (int) Math.round((1 - a) * grey * 255 + a * heat[2]);
                img.setRGB(left + x, y, (r << 16) | (gg << 8) | b);
            }
        }
        java.awt.Shape clip = g.getClip();
        g.setClip(left, 0, PANEL, PANEL);
        square(g, left, x0, y0, k, theoretical, THEORY, null);
        if (side95 > 0) square(g, left, x0, y0, k, side95, MASS, new float[]{6f, 4f});
        if (side50 > 0) square(g, left, x0, y0, k, side50, MASS, null);
        square(g, left, x0, y0, k, patch, Color.WHITE, new float[]{2f, 3f});
        g.setClip(clip);
    }

    private void square(Graphics2D g, int left, int x0, int y0, double k, int side, Color colour, float[] dash) {
        double edge = centre + 0.5 - side / 2.0;
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        g.draw(new Rectangle2D.Double(left + (edge - x0) * k, (edge - y0) * k, side * k, side * k));
    }

    private static void legendEntry(Graphics2D g, int x, int y, Color colour, float[] dash, String label) {
        g.setColor(colour == THEORY ? new Color(0xC9, 0xA2, 0x00) : colour == MASS ? new Color(0x00, 0x9F, 0xB5) : colour);
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        g.drawLine(x, y - 5, x + 28, y - 5);
        g.setColor(Color.BLACK);
        g.drawString(label, x + 36, y);
    }

    /** A black-red-yellow-white ramp for the gradient magnitude. */
    static int[] heat(double v) {
        double r = Math.min(1, 3 * v);
        double g = Math.min(1, Math.max(0, 3 * v - 1));
        double b = Math.min(1, Math.max(0, 3 * v - 2));
        return new int[]{(int) Math.round(255 * r), (int) Math.round(255 * g), (int) Math.round(255 * b)};
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
