package dev.hourglass.train;

import dev.hourglass.data.Downscale;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageLoadException;
import dev.hourglass.data.ImageReader;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded (and downscaled) training images, least recently used first out, holding at most
 * {@code capBytes} of pixels (4 bytes each). An image larger than the whole cache is decoded for
 * each use and not kept. Used by one thread (the batch prefetcher).
 */
final class DecodedImageCache {

    private final long capBytes;
    private final int downscale;
    private final long maxPixels;
    private final LinkedHashMap<Path, GrayImage> images = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long decodes;

    DecodedImageCache(long capBytes, int downscale, long maxPixels) {
        if (capBytes < 1) throw new IllegalArgumentException("the cache size must be positive but was " + capBytes);
        this.capBytes = capBytes;
        this.downscale = downscale;
        this.maxPixels = maxPixels;
    }

    GrayImage get(Path file) throws ImageLoadException {
        GrayImage img = images.get(file);
        if (img != null) return img;
        img = Downscale.box(ImageReader.read(file, maxPixels).image(), downscale);
        decodes++;
        long size = 4L * img.width() * img.height();
        if (size > capBytes) return img;
        images.put(file, img);
        bytes += size;
        for (Iterator<Map.Entry<Path, GrayImage>> it = images.entrySet().iterator(); bytes > capBytes && it.hasNext(); ) {
            GrayImage old = it.next().getValue();
            it.remove();
            bytes -= 4L * old.width() * old.height();
        }
        return img;
    }

    /** Bytes of pixels held now (never above the cap). */
    long bytes() {
        return bytes;
    }

    /** Files decoded so far (misses). */
    long decodes() {
        return decodes;
    }
}
