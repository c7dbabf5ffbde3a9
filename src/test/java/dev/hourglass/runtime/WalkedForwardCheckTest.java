package dev.hourglass.runtime;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.Shape;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.bytedeco.pytorch.global.torch.zeros_like;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check that the walked operations compute what the model's own forward computes compares
 * values, not only shapes: a walk that hands the decoder a wrong argument (here the skips zeroed,
 * same shapes) must be reported.
 */
class WalkedForwardCheckTest {

    @Test
    void aWalkWithAWrongArgumentButTheRightShapesIsReported() {
        ScriptedModel m = ScriptedModel.load(Path.of("src/test/resources/fixtures/torchscript/skip_ae.pt"), DeviceChoice.CPU);
        Shape in = Shape.of(1, 1, 64, 64);

        ScriptedRun intact = ScriptedForward.run(m, in, 0, null);
        assertNull(intact.walkProblem(), intact.walkProblem());
        assertTrue(intact.walkedDifference() <= intact.tolerance(), "walked and forward agree: " + intact.walkedDifference());

        ScriptedRun wrong = ScriptedForward.run(m, in, 0, out -> GraphWalker.mapTensors(out, (i, t) -> i == 0 ? t : zeros_like(t), new int[1]));
        assertEquals(wrong.output(), wrong.walkedOutput(), "the shapes agree, so a shape check alone passes");
        assertNotNull(wrong.walkProblem(), "values differ by " + wrong.walkedDifference());
        assertTrue(wrong.walkProblem().contains("gave values up to"), wrong.walkProblem());
    }
}
