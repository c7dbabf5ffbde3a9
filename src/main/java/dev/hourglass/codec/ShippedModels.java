package dev.hourglass.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The trained codec models that ship in the repository's {@code models/} folder, listed in
 * {@code models/index.tsv} (one line per model: name, checkpoint file, fingerprint in hex, λ, and
 * the mean bits per pixel measured on the held-out photos), lowest rate first. The folder is the
 * system property {@code hourglass.models} (the launcher sets it), else {@code ./models}.
 */
public final class ShippedModels {

    /** One shipped model. */
    public record Entry(String name, Path checkpoint, String fingerprint, double lambda, double bpp) {
    }

    private final Path folder;
    private final List<Entry> entries;

    private ShippedModels(Path folder, List<Entry> entries) {
        this.folder = folder;
        this.entries = List.copyOf(entries);
    }

    public static Path defaultFolder() {
        String p = System.getProperty("hourglass.models");
        return Path.of(p != null ? p : "models");
    }

    /** The models listed in {@code folder/index.tsv}; an error naming the file when it is missing or malformed. */
    public static ShippedModels in(Path folder) {
        Path index = folder.resolve("index.tsv");
        if (!Files.isRegularFile(index)) {
            throw new CodecException("no shipped models: " + index + " is missing (give --checkpoint, or run from the repository)");
        }
        List<Entry> out = new ArrayList<>();
        Set<Path> files = new HashSet<>();
        for (ModelListRows.Row r : ModelListRows.read(index)) {
            String[] f = r.fields();
            if (f.length != 5) throw new CodecException(index + " line " + r.line() + ": expected 5 tab-separated fields but found " + f.length);
            try {
                double bpp = Double.parseDouble(f[4]);
                if (!(bpp > 0) || Double.isInfinite(bpp)) { // --quality and --bpp work on log-rate
                    throw new CodecException(index + " line " + r.line() + ": the rate must be a positive number of bits per pixel but is " + f[4]);
                }
                out.add(new Entry(f[0], folder.resolve(f[1]), f[2].toLowerCase(Locale.ROOT), Double.parseDouble(f[3]), bpp));
            } catch (NumberFormatException e) {
                throw new CodecException("cannot read " + index + ": " + e.getMessage());
            }
            if (!files.add(out.get(out.size() - 1).checkpoint())) {
                throw new CodecException(index + " line " + r.line() + ": " + f[1] + " is listed twice");
            }
        }
        if (out.isEmpty()) throw new CodecException(index + " lists no models");
        out.sort(Comparator.comparingDouble(Entry::bpp));
        return new ShippedModels(folder, out);
    }

    public List<Entry> entries() {
        return entries;
    }

    public Path folder() {
        return folder;
    }

    /** The model that made a file, by the fingerprint in its header. */
    public Optional<Entry> byFingerprint(byte[] fingerprint) {
        String hex = HexFormat.of().formatHex(fingerprint);
        return entries.stream().filter(e -> e.fingerprint().equals(hex)).findFirst();
    }

    /**
     * Quality 1..100 spread evenly over log-rate, from the lowest shipped rate at 1 to the highest at 100; the model
     * nearest to that rate. On rates, not on list positions, so that adding a model moves each quality only to a
     * nearer model, not across the range.
     */
    public Entry forQuality(int quality) {
        if (quality < 1 || quality > 100) throw new IllegalArgumentException("--quality must be in 1..100 but was " + quality);
        double low = lowest().bpp();
        return forBpp(low * Math.pow(highest().bpp() / low, (quality - 1) / 99.0));
    }

    /** The model of the lowest measured rate. */
    public Entry lowest() {
        return entries.get(0);
    }

    /** The model of the highest measured rate. */
    public Entry highest() {
        return entries.get(entries.size() - 1);
    }

    /** The model whose measured rate is closest to {@code bpp} (on a log scale). */
    public Entry forBpp(double bpp) {
        if (!(bpp > 0) || Double.isInfinite(bpp)) throw new IllegalArgumentException("--bpp must be positive but was " + bpp);
        return entries.stream().min(Comparator.comparingDouble(e -> Math.abs(Math.log(e.bpp() / bpp)))).orElseThrow();
    }
}
