package dev.hourglass.backend;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorsTest {

    @Test
    void roundTripAndTransposedViewsReadInLogicalOrder() {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            float[] v = {0, 1, 2, 3, 4, 5};
            Tensor t = Tensors.fromFloats(v, 2, 3);
            assertArrayEquals(new long[]{2, 3}, Tensors.shape(t));
            assertArrayEquals(v, Tensors.toFloats(t));
            // a transposed view is not contiguous: raw storage order would be wrong (notes trap 9)
            assertArrayEquals(new float[]{0, 3, 1, 4, 2, 5}, Tensors.toFloats(t.t()));
        }
    }

    @Test
    void wrongSizesAndDevicesAreClearErrors() {
        assertThrows(IllegalStateException.class, () -> Tensors.fromFloats(new float[5], 2, 3));
        assertEquals(DeviceChoice.CUDA, DeviceChoice.parse("CUDA"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu")).getMessage().contains("auto, cpu or cuda"));
        if (!Torch.cudaAvailable()) {
            BackendException e = assertThrows(BackendException.class, () -> Devices.resolve(DeviceChoice.CUDA));
            assertTrue(e.getMessage().contains("no CUDA device"));
            assertEquals("cpu", Devices.name(DeviceChoice.AUTO));
        }
    }

    @Test
    void libtorchFacts() {
        assertTrue(Torch.version().startsWith("2."), Torch.version());
        long rss = ProcessMemory.rssBytes(); // the peak, read later, can only be higher
        assertTrue(rss > 0 && ProcessMemory.peakRssBytes() >= rss);
    }
}
