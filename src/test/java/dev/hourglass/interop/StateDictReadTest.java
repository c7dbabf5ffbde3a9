package dev.hourglass.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The readers on PyTorch's own files (made by src/test/python/make_state_dict_fixtures.py) and on
 * hand-made hostile ones; pure Java, no libtorch.
 */
class StateDictReadTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "interop");

    @Test
    void readsAnOrderedDictStateDictSavedByTorch() {
        WeightsFile f = WeightsFile.read(FIXTURES.resolve("tiny-sequential.pt"));
        assertEquals(WeightsFile.Format.TORCH_ZIP, f.format());
        assertEquals(32, f.tensors().size()); // 8 conv weights and biases, 4 BatchNorms × 5 (weight, bias, mean, var, count)
        ForeignTensor w = f.tensors().get("encoder.0.weight");
        assertEquals(DType.F32, w.dtype());
        assertArrayEquals(new long[]{4, 1, 4, 4}, w.shape());
        ForeignTensor count = f.tensors().get("encoder.1.num_batches_tracked");
        assertEquals(DType.I64, count.dtype());
        assertArrayEquals(new long[0], count.shape());
        assertArrayEquals(new long[]{7}, count.longs()); // the script set it to 7
        float[] var = f.tensors().get("decoder.1.running_var").floats();
        for (float v : var) assertTrue(v >= 0.5f && v <= 1.5f, "running_var as drawn by the script: " + v);
    }

    @Test
    void theSameWeightsReadFromSafetensorsEqualTheZipsUnderTheOtherNames() {
        Map<String, ForeignTensor> zip = WeightsFile.read(FIXTURES.resolve("tiny-sequential.pt")).tensors();
        WeightsFile st = WeightsFile.read(FIXTURES.resolve("tiny-hourglass.safetensors"));
        assertEquals(WeightsFile.Format.SAFETENSORS, st.format());
        assertArrayEquals(zip.get("encoder.3.weight").data(), st.tensors().get("encoder.stages.1.conv.weight").data());
        assertArrayEquals(zip.get("decoder.4.running_mean").data(), st.tensors().get("decoder.stages.1.bn.running_mean").data());
    }

    @Test
    void refusesAPickleThatAsksForOsSystem() {
        InteropException e = assertThrows(InteropException.class, () -> WeightsFile.read(FIXTURES.resolve("forbidden-class.pt")));
        assertTrue(e.getMessage().contains("os.system"), e.getMessage());
    }

    @Test
    void refusesTruncatedLegacyAndTorchScriptFiles() {
        assertTrue(message("truncated.pt").contains("truncated"));
        assertTrue(message("legacy.pt").contains("legacy"));
        assertTrue(message("torchscript.pt").contains("TorchScript"));
    }

    private static String message(String fixture) {
        return assertThrows(InteropException.class, () -> WeightsFile.read(FIXTURES.resolve(fixture))).getMessage();
    }

    @Test
    void refusesClassesOpcodesAndLengthsAStateDictNeverUses(@TempDir Path dir) throws Exception {
        // protocol 4 STACK_GLOBAL of builtins.eval, then REDUCE: Python would evaluate the string
        assertRefused(dir, pickle(0x80, 4, 0x8c, 8, "builtins", 0x8c, 4, "eval", 0x93, 0x8c, 3, "1+1", 0x85, 'R', '.'), "builtins.eval");
        // INST opcode: builds an object of a named class without GLOBAL
        assertRefused(dir, pickle('(', 'i', "os\nsystem\n", '.'), "opcode 0x69");
        // BUILD on a plain dict: Pyrolite would call a __setstate__ method by reflection
        assertRefused(dir, pickle('}', '}', 'b', '.'), "not an OrderedDict");
        // BINBYTES8 claiming 2^40 bytes in a 20-byte pickle
        assertRefused(dir, pickle(0x80, 4, 0x8e, 0, 0, 0, 0, 0, 1, 0, 0, '.'), "only");
        // a key nested 200,000 lists deep: Java's hashCode would recurse past the stack
        int depth = 200_000;
        byte[] deep = new byte[1 + depth + (depth - 1) + 3 + 1];
        int n = 0;
        deep[n++] = '}';
        for (int i = 0; i < depth; i++) deep[n++] = ']';
        for (int i = 0; i < depth - 1; i++) deep[n++] = 'a';
        deep[n++] = 'K';
        deep[n++] = 0;
        deep[n++] = 's';
        deep[n] = '.';
        assertRefused(dir, deep, "too deeply");
        // a protocol-0 decimal long: BigInteger parses 2 million digits in 45 s here, and a 64 MiB data.pkl would take hours
        byte[] digits = new byte[2_000_000];
        java.util.Arrays.fill(digits, (byte) '7');
        assertRefused(dir, pickle('L', new String(digits, StandardCharsets.US_ASCII), "\n", '.'), "opcode 0x4c");
        // a list is not a state_dict
        assertRefused(dir, pickle(']', '.'), "a pickled list");
    }

    private static void assertRefused(Path dir, byte[] dataPkl, String expected) throws Exception {
        Path f = dir.resolve("x.pt");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(dataPkl);
            z.closeEntry();
        }
        InteropException e = assertThrows(InteropException.class, () -> WeightsFile.read(f));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    /** Pickle bytes from ints (opcodes, raw bytes), chars and strings. */
    private static byte[] pickle(Object... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) b.write(i);
            else if (p instanceof Character c) b.write(c);
            else b.writeBytes(((String) p).getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    @Test
    void safetensorsHeadersAreCheckedStrictly(@TempDir Path dir) throws Exception {
        String ok = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertEquals(1, safetensors(dir, ok, 8).tensors().size());
        assertSafetensorsRefused(dir, ok, 4, "cover 8 bytes of data but the file holds 4");          // truncated data
        assertSafetensorsRefused(dir, ok, 12, "cover 8 bytes of data but the file holds 12");        // bytes after
        assertSafetensorsRefused(dir, ok.replace("F32", "U8"), 8, "dtype");
        assertSafetensorsRefused(dir, ok.replace("[2]", "[3]"), 8, "needs 12");
        assertSafetensorsRefused(dir, ok.replace("[2]", "[-2]"), 8, "non-negative");
        assertSafetensorsRefused(dir, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8, "overlaps");
        assertSafetensorsRefused(dir, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "Duplicate");
        assertSafetensorsRefused(dir, ok.replace("}}", ",\"extra\":1}}"), 8, "unknown field extra");
        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, '{', '}'});
        assertTrue(assertThrows(InteropException.class, () -> WeightsFile.read(huge)).getMessage().contains("does not fit the file"));
    }

    private static SafetensorsReader.Contents safetensors(Path dir, String header, int dataBytes) throws Exception {
        Path f = write(dir, header, dataBytes);
        return SafetensorsReader.read(f);
    }

    private static void assertSafetensorsRefused(Path dir, String header, int dataBytes, String expected) throws Exception {
        Path f = write(dir, header, dataBytes);
        InteropException e = assertThrows(InteropException.class, () -> WeightsFile.read(f));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static Path write(Path dir, String header, int dataBytes) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + h.length + dataBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = dir.resolve("t.safetensors");
        Files.write(f, b.array());
        return f;
    }
}
