package dev.hourglass.train;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrefetcherCloseTest {

    @Test
    void closeWaitsForTheBatchThread() {
        AtomicInteger busy = new AtomicInteger();
        BatchSource slow = new BatchSource() {
            @Override
            public float[] batch(long step) {
                busy.incrementAndGet();
                long end = System.nanoTime() + 300_000_000L; // work that ignores interrupts, as native code does
                while (System.nanoTime() < end) Thread.onSpinWait();
                busy.decrementAndGet();
                return new float[1];
            }

            @Override
            public int batchSize() {
                return 1;
            }

            @Override
            public int imageSize() {
                return 1;
            }
        };
        Prefetcher p = new Prefetcher(slow, 0, 100, 2);
        p.take(0);
        p.close();
        assertEquals(0, busy.get(), "close() returned while the batch thread was still building a batch");
    }
}
