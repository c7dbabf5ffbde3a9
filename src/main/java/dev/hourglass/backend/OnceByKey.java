package dev.hourglass.backend;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * Values computed at most once per key, for many threads: the first caller of a key computes it
 * while later callers of that key wait for the result, and callers of other keys go on. A failure
 * is kept like a value, so every caller of that key gets the same exception, rethrown as itself
 * (a RuntimeException or an Error; a checked one arrives wrapped in an IllegalStateException).
 * The values stay owned by whoever created this map: it closes nothing.
 */
public final class OnceByKey<K, V> {

    private final Map<K, FutureTask<V>> tasks = new ConcurrentHashMap<>();
    private final Function<K, V> compute;

    public OnceByKey(Function<K, V> compute) {
        this.compute = compute;
    }

    public V get(K key) {
        FutureTask<V> task = tasks.computeIfAbsent(key, k -> new FutureTask<>(() -> compute.apply(k)));
        task.run(); // does nothing when another thread runs or ran it
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + key);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err; // e.g. out of memory: Main's own message and exit code
            throw new IllegalStateException(e.getCause());
        }
    }
}
