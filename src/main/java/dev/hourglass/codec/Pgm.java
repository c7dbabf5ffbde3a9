package dev.hourglass.codec;

import dev.hourglass.data.GrayImage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Binary 8-bit PGM (P5), the exchange format of the command-line codecs. */
final class Pgm {

    private Pgm() {
    }

    static void write(GrayImage img, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("P5\n" + img.width() + " " + img.height() + "\n255\n").getBytes(StandardCharsets.US_ASCII));
        for (float v : img.pixels()) out.write(Math.round(Math.max(0, Math.min(1, v)) * 255));
        Files.write(file, out.toByteArray());
    }

    static GrayImage read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int[] pos = {0};
        String magic = token(b, pos);
        if (!magic.equals("P5")) throw new IOException(file + ": not a binary PGM (" + magic + ")");
        int w = Integer.parseInt(token(b, pos));
        int h = Integer.parseInt(token(b, pos));
        int max = Integer.parseInt(token(b, pos));
        pos[0]++; // the single whitespace after maxval
        if (max > 255 || (long) w * h > b.length - pos[0]) throw new IOException(file + ": unsupported or truncated PGM");
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) px[i] = (b[pos[0] + i] & 0xff) / (float) max;
        return new GrayImage(w, h, px);
    }

    private static String token(byte[] b, int[] pos) {
        while (pos[0] < b.length && (Character.isWhitespace(b[pos[0]]) || b[pos[0]] == '#')) {
            if (b[pos[0]] == '#') while (pos[0] < b.length && b[pos[0]] != '\n') pos[0]++;
            else pos[0]++;
        }
        int start = pos[0];
        while (pos[0] < b.length && !Character.isWhitespace(b[pos[0]])) pos[0]++;
        return new String(b, start, pos[0] - start, StandardCharsets.US_ASCII);
    }
}
