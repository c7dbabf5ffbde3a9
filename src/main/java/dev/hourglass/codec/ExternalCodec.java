package dev.hourglass.codec;

import dev.hourglass.backend.ExternalCommand;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.ImageLoadException;
import dev.hourglass.data.ImageReader;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A command-line codec used as a baseline when it is installed: libjpeg-turbo's cjpeg/djpeg,
 * WebP's cwebp/dwebp, OpenJPEG's opj_compress/opj_decompress. Input goes in as 8-bit PNG or PGM,
 * the compressed file's size is the rate, the decoded file is read back as luma.
 */
public record ExternalCodec(String name, String encoder, String decoder, String suffix, List<Integer> settings) {

    public static List<ExternalCodec> known() {
        return List.of(
                new ExternalCodec("cjpeg", "cjpeg", "djpeg", ".jpg", List.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 95)),
                new ExternalCodec("webp", "cwebp", "dwebp", ".webp", List.of(5, 15, 30, 45, 60, 75, 85, 95)),
                new ExternalCodec("jpeg2000", "opj_compress", "opj_decompress", ".jp2", List.of(160, 80, 40, 20, 10, 5)));
    }

    public boolean installed() {
        return onPath(encoder) && onPath(decoder);
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) return true;
        }
        return false;
    }

    /** Compressed bytes and the decoded image at one setting (quality, or compression ratio for jpeg2000). */
    public record Result(byte[] compressed, GrayImage decoded, double encodeSeconds, double decodeSeconds) {
    }

    public Result run(GrayImage img, int setting, Path work) throws IOException {
        Path in = work.resolve("in" + (name.equals("webp") ? ".png" : ".pgm"));
        if (name.equals("webp")) ImageFiles.writePng8(img, in);
        else Pgm.write(img, in);
        Path coded = work.resolve("coded" + suffix);
        Path out = work.resolve("out" + (name.equals("cjpeg") ? ".pgm" : name.equals("webp") ? ".png" : ".pgm"));
        List<String> enc = switch (name) {
            case "cjpeg" -> List.of(encoder, "-quality", Integer.toString(setting), "-grayscale", "-outfile", coded.toString(), in.toString());
            case "webp" -> List.of(encoder, "-quiet", "-q", Integer.toString(setting), in.toString(), "-o", coded.toString());
            default -> List.of(encoder, "-i", in.toString(), "-o", coded.toString(), "-r", Integer.toString(setting));
        };
        List<String> dec = switch (name) {
            case "cjpeg" -> List.of(decoder, "-pnm", "-outfile", out.toString(), coded.toString());
            case "webp" -> List.of(decoder, "-quiet", coded.toString(), "-o", out.toString()); // PNG is dwebp's default; 1.2.x has no -png
            default -> List.of(decoder, "-i", coded.toString(), "-o", out.toString());
        };
        long t0 = System.nanoTime();
        exec(enc, work);
        long t1 = System.nanoTime();
        exec(dec, work);
        long t2 = System.nanoTime();
        GrayImage decoded;
        try {
            decoded = out.toString().endsWith(".pgm") ? Pgm.read(out) : ImageReader.read(out).image();
        } catch (ImageLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new Result(Files.readAllBytes(coded), decoded, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    /** The tools get no terminal, 120 s each, and their stdout is not needed (they write to -o/-outfile). */
    private static void exec(List<String> cmd, Path work) throws IOException {
        ExternalCommand.of(cmd, Duration.ofSeconds(120)).run(null, work);
    }
}
