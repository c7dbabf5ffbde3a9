package dev.hourglass.jmh;

import dev.hourglass.data.Downscale;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.ImageReader;
import dev.hourglass.data.Phantoms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading an image file into a {@link GrayImage}, as training and the codec do: an 8-bit gray
 * 1024×1024 PNG (1 megapixel), and the 4× box downscale that training applies to photos. Scores
 * are images per second.
 */
@State(Scope.Benchmark)
public class ImageLoadingBenchmark {

    private Path dir;
    private Path png;
    private GrayImage image;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("hourglass-jmh");
        png = dir.resolve("phantom.png");
        image = Phantoms.generate(1, 1024, 7).get(0);
        ImageFiles.writePng8(image, png);
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(png);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public GrayImage readPng() throws Exception {
        return ImageReader.read(png).image();
    }

    @Benchmark
    public GrayImage downscale4() {
        return Downscale.box(image, 4);
    }
}
