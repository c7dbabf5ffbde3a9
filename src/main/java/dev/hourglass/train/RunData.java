package dev.hourglass.train;

import dev.hourglass.data.Crops;
import dev.hourglass.data.Downscale;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFolder;
import dev.hourglass.data.Phantoms;
import dev.hourglass.data.SkippedFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Training batches and validation tiles of a run: the phantoms, or an image folder. */
record RunData(BatchSource batches, List<GrayImage> validationTiles, int trainingImages, long trainingPixels,
               List<SkippedFile> skipped, List<String> validationFiles, String description) {

    static RunData of(TrainConfig c, int threads) throws IOException {
        int size = c.spec().imageSize();
        if (c.data() == null) {
            List<GrayImage> val = Phantoms.generate(c.validationImages(), size, BatchSource.mix(c.seed(), -1));
            return new RunData(new PhantomBatches(c.seed(), c.batch(), size), val, -1, -1, List.of(), List.of(),
                    "procedural phantoms " + size + "×" + size + " (a new set every step), validation on " + val.size() + " held-out phantoms");
        }
        ImageFolder f = ImageFolder.load(Path.of(c.data()), c.validationFraction(), c.seed(), threads);
        List<GrayImage> tiles = new ArrayList<>();
        for (ImageFolder.Named n : f.validation()) {
            for (GrayImage t : Crops.tiles(Downscale.box(n.image(), c.downscale()), size)) {
                if (tiles.size() < c.validationImages()) tiles.add(t);
            }
        }
        List<GrayImage> train = f.train().stream().map(n -> Downscale.box(n.image(), c.downscale())).toList();
        String d = f.train().size() + " training images, " + f.validation().size() + " validation images (" + tiles.size()
                + " tiles of " + size + "×" + size + ") from " + c.data() + (c.downscale() > 1 ? ", downscaled " + c.downscale() + "× (box filter)" : "") + (f.skipped().isEmpty() ? "" : "; " + f.skipped().size() + " file(s) skipped")
                + (f.validationOverlapsTraining() ? "; WARNING: a single image, so validation uses the training image" : "");
        long pixels = train.stream().mapToLong(g -> (long) g.width() * g.height()).sum();
        return new RunData(new CropBatches(train, c.seed(), c.batch(), size), tiles, train.size(), pixels, f.skipped(),
                f.validation().stream().map(n -> n.file().toString()).toList(), d);
    }
}
