package dev.hourglass.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GradientBucketsTest {

    @Test
    void bucketsFillFromTheLastParameterUpToTheCap() {
        // bytes of parameters 0..4; cap 100
        List<List<Integer>> plan = GradientBuckets.plan(new long[]{40, 30, 50, 60, 10}, 100);
        assertEquals(List.of(List.of(4, 3), List.of(2, 1), List.of(0)), plan);
    }

    @Test
    void aTensorAboveTheCapGetsABucketOfItsOwn() {
        assertEquals(List.of(List.of(2), List.of(1), List.of(0)), GradientBuckets.plan(new long[]{10, 500, 20}, 100));
        assertEquals(List.of(List.of(2, 1, 0)), GradientBuckets.plan(new long[]{10, 20, 30}, 1L << 20));
    }
}
