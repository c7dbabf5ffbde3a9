package dev.hourglass.train;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Builds the batches of steps first..last on a background thread, a few ahead of the training
 * loop, and measures how long the loop waits for them.
 */
final class Prefetcher implements AutoCloseable {

    private record Item(long step, float[] pixels, RuntimeException error) {
    }

    private final BlockingQueue<Item> queue;
    private final Thread worker;
    private long waitedNanos;

    Prefetcher(BatchSource source, long first, long last, int ahead) {
        queue = new ArrayBlockingQueue<>(Math.max(1, ahead));
        worker = new Thread(() -> {
            for (long s = first; s <= last && !Thread.currentThread().isInterrupted(); s++) {
                Item item;
                try {
                    item = new Item(s, source.batch(s), null);
                } catch (RuntimeException e) {
                    item = new Item(s, null, e);
                }
                try {
                    queue.put(item);
                } catch (InterruptedException e) {
                    return;
                }
                if (item.error() != null) return;
            }
        }, "hourglass-batches");
        worker.setDaemon(true);
        worker.start();
    }

    /** The batch of {@code step}, which must be the next one in order. */
    float[] take(long step) {
        long t0 = System.nanoTime();
        Item item;
        try {
            do {
                item = queue.poll(1, TimeUnit.SECONDS);
                if (item == null && !worker.isAlive() && queue.isEmpty()) {
                    throw new IllegalStateException("the batch thread stopped before step " + step);
                }
            } while (item == null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for step " + step, e);
        }
        waitedNanos += System.nanoTime() - t0;
        if (item.error() != null) throw item.error();
        if (item.step() != step) throw new IllegalStateException("expected the batch of step " + step + " but got " + item.step());
        return item.pixels();
    }

    double waitedSeconds() {
        return waitedNanos / 1e9;
    }

    /** Stops the batch thread and waits until it has ended, so no batch is built after the run. */
    @Override
    public void close() {
        worker.interrupt();
        boolean interrupted = false;
        while (worker.isAlive()) {
            queue.clear(); // a full queue must not keep the thread waiting
            try {
                worker.join(100);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
