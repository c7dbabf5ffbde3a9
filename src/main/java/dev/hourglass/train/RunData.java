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
        return of(c, threads, 1);
    }

    /** The batch source builds global batches of {@code c.batch() × world} images (each rank takes its share). */
    static RunData of(TrainConfig c, int threads, int world) throws IOException {
        int size = c.spec().imageSize();
        int global = Math.multiplyExact(c.batch(), world);
        if (c.data() == null) {
            List<GrayImage> val = Phantoms.generate(c.validationImages(), size, BatchSource.mix(c.seed(), -1));
            return new RunData(new PhantomBatches(c.seed(), global, size), val, -1, -1, List.of(), List.of(),
                    "procedural phantoms " + size + "×" + size + " (a new set every step), validation on " + val.size() + " held-out phantoms");
        }
        ImageFolder f = ImageFolder.load(Path.of(c.data()), c.validationFraction(), c.seed(), threads, c.maxPixels());
        List<GrayImage> tiles = validationTiles(f.validation().stream().map(n -> Downscale.box(n.image(), c.downscale())).toList(),
                size, c.validationImages());
        List<GrayImage> train = f.train().stream().map(n -> Downscale.box(n.image(), c.downscale())).toList();
        String d = f.train().size() + " training images, " + f.validation().size() + " validation images (" + tiles.size()
                + " tiles of " + size + "×" + size + ", spread evenly over each validation image: a grid of evenly spaced positions"
                + " from edge to edge, the cap of --val-images shared between the images) from " + c.data()
                + (c.downscale() > 1 ? ", downscaled " + c.downscale() + "× (box filter)" : "") + (f.skipped().isEmpty() ? "" : "; " + f.skipped().size() + " file(s) skipped")
                + (f.validationOverlapsTraining() ? "; WARNING: validation uses the training images (" + (f.train().size() == 1
                ? "a single image" : "--val-fraction 0") + "), so its scores do not show how the model does on unseen images" : "");
        long pixels = train.stream().mapToLong(g -> (long) g.width() * g.height()).sum();
        return new RunData(new CropBatches(train, c.seed(), global, size), tiles, train.size(), pixels, f.skipped(),
                f.validation().stream().map(n -> n.file().toString()).toList(), d);
    }

    /**
     * A folder streamed instead of decoded whole: the file list is shuffled with the seed and split
     * as {@link ImageFolder} splits images (by files, before decoding); only the validation files
     * are decoded (on rank 0, which alone validates); training crops come from this rank's shard of
     * the rest through a cache of at most {@code cacheBytes}.
     */
    static RunData streamed(TrainConfig c, int rank, int world, long cacheBytes) throws IOException {
        if (c.data() == null) throw new IllegalArgumentException("streaming needs --data: the phantoms are generated, not read");
        if (c.epochs() > 0) throw new IllegalArgumentException("--epochs needs the training pixels, which a streamed folder does not decode up front; use --steps");
        Path root = Path.of(c.data());
        if (!java.nio.file.Files.isDirectory(root)) throw new IOException(root + ": not a folder");
        List<Path> files;
        try (java.util.stream.Stream<Path> st = java.nio.file.Files.walk(root)) {
            files = new ArrayList<>(st.filter(java.nio.file.Files::isRegularFile).sorted().toList());
        }
        if (files.isEmpty()) throw new IOException(root + ": the folder holds no files");
        java.util.Collections.shuffle(files, new java.util.Random(c.seed()));
        int nVal = files.size() < 2 || c.validationFraction() == 0 ? 0 : Math.max(1, (int) Math.round(c.validationFraction() * files.size()));
        List<Path> train = files.subList(nVal, files.size()).isEmpty() ? files : files.subList(nVal, files.size());
        List<Path> valFiles = nVal == 0 ? train : files.subList(0, nVal);
        int size = c.spec().imageSize();
        List<GrayImage> val = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        if (rank == 0) {
            for (Path f : valFiles.subList(0, Math.min(valFiles.size(), c.validationImages()))) {
                try {
                    val.add(Downscale.box(dev.hourglass.data.ImageReader.read(f, c.maxPixels()).image(), c.downscale()));
                } catch (dev.hourglass.data.ImageLoadException e) {
                    skipped.add(new SkippedFile(f, e.getMessage()));
                }
            }
            if (val.isEmpty()) throw new IOException(root + ": none of the validation files can be decoded");
        }
        StreamedCrops crops = new StreamedCrops(train, c.seed(), rank, world, c.batch(), size,
                new DecodedImageCache(cacheBytes, c.downscale(), c.maxPixels()));
        List<GrayImage> tiles = validationTiles(val, size, c.validationImages());
        return new RunData(crops, tiles, train.size(), -1, skipped, valFiles.stream().map(Path::toString).toList(),
                train.size() + " training files streamed (rank " + rank + " of " + world + ": " + crops.shardFiles() + " files, decoded on"
                        + " demand, at most " + (cacheBytes >> 20) + " MiB of decoded images kept), " + valFiles.size() + " validation files"
                        + (nVal == 0 ? " (the training files: WARNING, validation does not show how the model does on unseen images)" : ""));
    }

    /**
     * Up to {@code cap} validation tiles: the cap shared between the images as evenly as their sizes
     * allow (round robin, one more tile at a time), each image's share spread over all of it.
     */
    static List<GrayImage> validationTiles(List<GrayImage> images, int size, int cap) {
        int[] room = images.stream().mapToInt(g -> Crops.tileCount(g.width(), g.height(), size)).toArray();
        int[] share = new int[images.size()];
        int left = cap;
        boolean grew = true;
        while (left > 0 && grew) {
            grew = false;
            for (int i = 0; i < images.size() && left > 0; i++) {
                if (share[i] < room[i]) {
                    share[i]++;
                    left--;
                    grew = true;
                }
            }
        }
        List<GrayImage> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) if (share[i] > 0) out.addAll(Crops.spreadTiles(images.get(i), size, share[i]));
        return out;
    }
}
