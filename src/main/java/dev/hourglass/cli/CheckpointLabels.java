package dev.hourglass.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names for the checkpoints of one `eval`: the folder and the file ({@code run/final.ckpt}), and as many more
 * folders as it takes to tell them apart. Two runs' {@code checkpoints/step-004000.ckpt} would otherwise share a
 * name in the printed table, the ceiling lines and points.json.
 */
final class CheckpointLabels {

    private CheckpointLabels() {
    }

    /** One label per checkpoint, in order; a checkpoint named twice is a usage error. */
    static List<String> of(List<Path> checkpoints) {
        List<Path> paths = checkpoints.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Set<Path> seen = new HashSet<>();
        for (int i = 0; i < paths.size(); i++) {
            if (!seen.add(paths.get(i))) {
                throw new IllegalArgumentException("--checkpoint " + checkpoints.get(i) + " is given twice");
            }
        }
        int[] depth = new int[paths.size()];
        Arrays.fill(depth, 2);
        while (true) {
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) labels.add(tail(paths.get(i), depth[i]));
            Map<String, Integer> count = new HashMap<>();
            labels.forEach(l -> count.merge(l, 1, Integer::sum));
            boolean grown = false;
            for (int i = 0; i < paths.size(); i++) {
                if (count.get(labels.get(i)) > 1 && depth[i] < paths.get(i).getNameCount()) {
                    depth[i]++;
                    grown = true;
                }
            }
            if (!grown) { // distinct, or whole paths that still read alike (C:\\run and D:\\run: names leave out the root)
                for (int i = 0; i < paths.size(); i++) {
                    if (count.get(labels.get(i)) > 1) labels.set(i, paths.get(i).toString().replace('\\', '/'));
                }
                return labels;
            }
        }
    }

    /** The last {@code n} names of an absolute path, joined by '/' (all of them when it has fewer). */
    private static String tail(Path abs, int n) {
        int count = abs.getNameCount();
        return count == 0 ? abs.toString() : abs.subpath(Math.max(0, count - n), count).toString().replace('\\', '/');
    }
}
