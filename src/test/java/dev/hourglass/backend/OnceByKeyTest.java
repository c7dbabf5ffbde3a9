package dev.hourglass.backend;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each key is computed once for all threads; failures reach every caller; keys do not wait for each other. */
class OnceByKeyTest {

    @Test
    void concurrentCallersOfOneKeyShareOneComputation() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch allAsking = new CountDownLatch(8);
        OnceByKey<String, Object> once = new OnceByKey<>(k -> {
            runs.incrementAndGet();
            try {
                allAsking.await(10, TimeUnit.SECONDS); // every caller is waiting before the value exists
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new Object();
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(pool.submit(() -> {
                    allAsking.countDown();
                    return once.get("model");
                }));
            }
            Object first = got.get(0).get(30, TimeUnit.SECONDS);
            for (Future<Object> f : got) assertSame(first, f.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, runs.get());
    }

    @Test
    void aFailureIsKeptAndRethrownAsItself() {
        AtomicInteger runs = new AtomicInteger();
        OnceByKey<String, String> once = new OnceByKey<>(k -> {
            runs.incrementAndGet();
            throw new IllegalArgumentException("no model " + k);
        });
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> once.get("x"));
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> once.get("x"));
        assertEquals("no model x", a.getMessage());
        assertSame(a, b);
        assertEquals(1, runs.get());
        OnceByKey<String, String> oom = new OnceByKey<>(k -> {
            throw new OutOfMemoryError("test");
        });
        assertThrows(OutOfMemoryError.class, () -> oom.get("y"));
    }

    @Test
    void anotherKeyDoesNotWaitForASlowOne() throws Exception {
        CountDownLatch otherDone = new CountDownLatch(1);
        OnceByKey<String, String> once = new OnceByKey<>(k -> {
            if (k.equals("slow")) {
                try {
                    // finishes only after the other key was served: a shared lock would deadlock here
                    assertTrue(otherDone.await(30, TimeUnit.SECONDS), "the other key was served meanwhile");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return k.toUpperCase();
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> slow = pool.submit(() -> once.get("slow"));
            Thread.sleep(100); // let the slow key start first (the assertion holds either way)
            assertEquals("FAST", once.get("fast"));
            otherDone.countDown();
            assertEquals("SLOW", slow.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
