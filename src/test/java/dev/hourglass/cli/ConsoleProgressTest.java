package dev.hourglass.cli;

import dev.hourglass.train.StepLog;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time left is estimated from the steps this process ran, also when a run is resumed. */
class ConsoleProgressTest {

    @Test
    void theEtaOfAResumedRunCountsOnlyItsOwnSteps() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false);
        p.onStart(3001); // resumed after step 3000 of 12,000
        p.onStep(new StepLog("train", 3100, 0.5, 1e-4, 1.0, 80, 0, 10.0), 12_000, Double.NaN); // 100 steps in 10 s
        assertTrue(text.toString().contains("ETA 14m50s"), "8,900 steps left at 0.1 s each: " + text);
    }

    @Test
    void aFreshRunStartsAtStepOne() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false);
        p.onStep(new StepLog("train", 100, 0.5, 1e-4, 1.0, 80, 0, 10.0), 1_100, Double.NaN);
        assertTrue(text.toString().contains("ETA 1m40s"), "1,000 steps left at 0.1 s each: " + text);
    }
}
