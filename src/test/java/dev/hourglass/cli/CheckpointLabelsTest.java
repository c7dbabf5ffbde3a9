package dev.hourglass.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The names `eval` gives its checkpoints: folder and file, longer only where two would read the same. */
class CheckpointLabelsTest {

    @Test
    void aRunFolderAndItsFileNameACheckpoint() {
        assertEquals(List.of("ms12-0.4/final.ckpt", "models/factorized-1.ckpt"),
                CheckpointLabels.of(List.of(Path.of("/w/runs/ms12-0.4/final.ckpt"), Path.of("/w/models/factorized-1.ckpt"))));
    }

    @Test
    void twoRunsCheckpointsOfTheSameStepAreToldApart() {
        assertEquals(List.of("x8-0.8/checkpoints/step-004000.ckpt", "x4-0.8/checkpoints/step-004000.ckpt", "x4-0.8/final.ckpt"),
                CheckpointLabels.of(List.of(Path.of("/w/x8-0.8/checkpoints/step-004000.ckpt"),
                        Path.of("/w/x4-0.8/checkpoints/step-004000.ckpt"), Path.of("/w/x4-0.8/final.ckpt"))));
        assertEquals(List.of("a/run/final.ckpt", "b/run/final.ckpt"),
                CheckpointLabels.of(List.of(Path.of("/a/run/final.ckpt"), Path.of("/b/run/final.ckpt"))));
    }

    @Test
    void aFileAtTheRootAndAPathEndingInAnotherKeepWhatTellsThemApart() {
        assertEquals(List.of("final.ckpt"), CheckpointLabels.of(List.of(Path.of("/final.ckpt"))));
        assertEquals(List.of("b/c.ckpt", "x/b/c.ckpt"), CheckpointLabels.of(List.of(Path.of("/b/c.ckpt"), Path.of("/x/b/c.ckpt"))));
    }

    @Test
    void theSameCheckpointTwiceIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointLabels.of(List.of(Path.of("/w/run/final.ckpt"), Path.of("/w/run/../run/final.ckpt"))));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    }
}
