package dev.hourglass.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileWorkersTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private FileWorkers workers() {
        return new FileWorkers(new PrintWriter(out), new PrintWriter(err), false, e -> e instanceof IllegalArgumentException);
    }

    private static List<BatchFiles.Job> jobs(int n) {
        return IntStream.range(0, n).mapToObj(i -> new BatchFiles.Job(Path.of("in" + i), Path.of("out" + i))).toList();
    }

    @Test
    void twoWorkersReallyRunTwoFilesAtOnce() {
        CountDownLatch both = new CountDownLatch(2);
        FileWorkers.Outcome o = workers().run(jobs(2), 2, j -> {
            both.countDown();
            try { // each file waits for the other to start: with one worker at a time this would time out
                assertTrue(both.await(20, TimeUnit.SECONDS), "the other file never started alongside");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return j.in() + " done";
        });
        assertEquals(0, o.failed());
        assertTrue(out.toString().contains("in0 done") && out.toString().contains("in1 done"), out.toString());
    }

    @Test
    void badFilesAreNamedAndSkippedTheOthersStillRun() {
        FileWorkers.Outcome o = workers().run(jobs(5), 2, j -> {
            if (j.in().toString().equals("in3")) throw new IllegalArgumentException("not an image");
            if (j.in().toString().equals("in4")) throw new IllegalArgumentException("in4: corrupt file"); // names its file itself
            return j.in() + " ok";
        });
        assertEquals(2, o.failed());
        assertTrue(err.toString().contains("skipped: in3: not an image"), err.toString());
        assertTrue(err.toString().contains("skipped: in4: corrupt file") && !err.toString().contains("in4: in4"), err.toString());
        assertEquals(3, out.toString().lines().count(), out.toString());
        for (int k = 1; k <= 5; k++) assertTrue((out + err.toString()).contains("[" + k + "/5]"), "every file counted: " + out + err);
    }

    @Test
    void anOtherErrorStopsTheRunNoNewFileStartsAndItIsRethrown() {
        Set<String> started = ConcurrentHashMap.newKeySet();
        IllegalStateException boom = new IllegalStateException("disk full");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> workers().run(jobs(6), 1, j -> {
            started.add(j.in().toString());
            if (j.in().toString().equals("in1")) throw boom;
            return "ok";
        }));
        assertSame(boom, thrown);
        assertEquals(Set.of("in0", "in1"), started, "one worker: the files after the failing one never start");
        assertFalse(out.toString().contains("[3/6]"), out.toString());
    }

    @Test
    void aSingleFileKeepsItsOwnErrorAndWorkerCountsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> workers().run(jobs(1), 2, j -> {
            throw new IllegalArgumentException("bad");
        }));
        assertEquals(3, FileWorkers.workers(3, 10));
        assertEquals(2, FileWorkers.workers(8, 2), "never more workers than files");
        assertEquals(1, FileWorkers.workers(null, 1));
    }
}
