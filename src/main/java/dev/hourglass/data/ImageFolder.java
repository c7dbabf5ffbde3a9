package dev.hourglass.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The images of a folder, read recursively and decoded on background threads, split by file into
 * training and validation with a seeded shuffle. Unreadable files are reported and skipped; a
 * folder with no usable image is an error before anything else happens.
 */
public record ImageFolder(Path root, List<Named> train, List<Named> validation, List<SkippedFile> skipped) {

    /** An image with the file it came from. */
    public record Named(Path file, GrayImage image) {
    }

    public ImageFolder {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        skipped = List.copyOf(skipped);
    }

    /**
     * @param validationFraction share of files held out (at least one file when there are two or more
     *                           and the share is above 0); with 0, validation uses the training images
     */
    public static ImageFolder load(Path root, double validationFraction, long seed, int threads) throws IOException {
        return load(root, validationFraction, seed, threads, ImageReader.DEFAULT_MAX_PIXELS);
    }

    /**
     * @param maxPixels images whose header claims more pixels are skipped (and reported) before decoding.
     *                  Running out of memory while decoding is not a skipped file: the error propagates.
     */
    public static ImageFolder load(Path root, double validationFraction, long seed, int threads, long maxPixels) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
        if (files.isEmpty()) {
            throw new IOException(root + ": the folder holds no files");
        }
        List<Named> images = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "hourglass-decode");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<LoadedImage>> pending = new ArrayList<>();
            for (Path f : files) pending.add(pool.submit(() -> ImageReader.read(f, maxPixels)));
            for (int i = 0; i < files.size(); i++) {
                try {
                    images.add(new Named(files.get(i), pending.get(i).get().image()));
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Error error) throw error; // out of memory is not a bad file
                    String reason = e.getCause() instanceof ImageLoadException ? e.getCause().getMessage() : files.get(i) + ": " + e.getCause();
                    skipped.add(new SkippedFile(files.get(i), reason));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while decoding " + root, e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (images.isEmpty()) {
            throw new IOException(root + ": no usable image among " + files.size() + " file(s); first problem: " + skipped.get(0).reason());
        }
        List<Named> shuffled = new ArrayList<>(images);
        Collections.shuffle(shuffled, new Random(seed));
        int nVal = images.size() < 2 || validationFraction == 0 ? 0 : Math.max(1, (int) Math.round(validationFraction * images.size()));
        List<Named> val = new ArrayList<>(shuffled.subList(0, nVal));
        List<Named> train = new ArrayList<>(shuffled.subList(nVal, shuffled.size()));
        if (train.isEmpty()) train = val; // a single image: train and validate on it, and say so (so does --val-fraction 0)
        return new ImageFolder(root, train, val.isEmpty() ? train : val, skipped);
    }

    /** True when training and validation share images (a folder of one image, or a validation fraction of 0). */
    public boolean validationOverlapsTraining() {
        return train.stream().anyMatch(t -> validation.stream().anyMatch(v -> v.file().equals(t.file())));
    }
}
