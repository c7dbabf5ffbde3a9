package dev.hourglass.interop;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pyrolite's unpickler, restricted to what {@code torch.save(model.state_dict())} writes. Python's
 * pickle runs code (any class, {@code os.system} included, can be named and called); here every
 * class reference ({@code GLOBAL}, {@code STACK_GLOBAL}) is resolved against an allow-list before
 * anything is built, and opcodes a state_dict never uses ({@code INST}, {@code OBJ}, extension
 * codes, out-of-band buffers, {@code BUILD} on anything but an OrderedDict) are refused. Lengths
 * in the stream are checked against the bytes left, so a forged length cannot allocate gigabytes.
 * Pyrolite itself builds only lists, tuples ({@code Object[]}), maps, strings and numbers.
 */
final class StateDictUnpickler extends Unpickler {

    /** The classes a state_dict is made of; the storage classes of {@link DType} are allowed too. */
    static final Set<String> ALLOWED = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_parameter");

    /** The bytes of data.pkl, kept so that lengths can be checked against what is left. */
    private final ByteArrayInputStream bytes;

    private StateDictUnpickler(byte[] pickle) {
        this.bytes = new ByteArrayInputStream(pickle);
    }

    /** Unpickles {@code data.pkl}; any failure is an {@link InteropException} naming {@code what}. */
    static Object load(byte[] pickle, String what) {
        StateDictUnpickler u = new StateDictUnpickler(pickle);
        try {
            return u.load(u.bytes);
        } catch (InteropException e) {
            throw new InteropException(what + ": " + e.getMessage(), e); // thrown from inside the stream, without the file's name
        } catch (IOException | RuntimeException e) {
            // Pyrolite reports malformed streams with many exception types (PickleException, ClassCastException on a
            // wrong stack item, IndexOutOfBoundsException on an empty stack...): all mean "not a valid pickle"
            throw new InteropException(what + ": not a readable state_dict pickle (" + describe(e) + ")", e);
        } catch (StackOverflowError e) {
            // lists nested thousands deep, used as a dict key, make Java's hashCode recurse past the stack
            throw new InteropException(what + ": data.pkl nests its objects too deeply to be a state_dict");
        } finally {
            u.close();
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new InteropException("data.pkl names a class with something that is not a string");
                }
                stack.add(resolve(m, n));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                if (!(stack.peek() instanceof StateDictMap) || !(state instanceof Map<?, ?>)) {
                    throw new InteropException("data.pkl sets the state of an object that is not an OrderedDict");
                }
                return NO_RETURN_VALUE; // an OrderedDict's state is its _metadata (module versions): not needed
            }
            // LONG: protocol 0's decimal integers (torch writes protocol 2), parsed by BigInteger in quadratic time
            case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4, Opcodes.NEXT_BUFFER, Opcodes.READONLY_BUFFER,
                 Opcodes.PERSID, Opcodes.LONG ->
                    throw new InteropException("data.pkl uses pickle opcode 0x" + Integer.toHexString(key)
                            + ", which a state_dict never needs");
            case Opcodes.BINSTRING, Opcodes.BINBYTES, Opcodes.BINUNICODE, Opcodes.LONG4 -> requireLength(4);
            case Opcodes.BINBYTES8, Opcodes.BINUNICODE8, Opcodes.BYTEARRAY8 -> requireLength(8);
            default -> {
            }
        }
        return super.dispatch(key);
    }

    /** The length prefix that follows (4 or 8 bytes, little-endian) must not exceed the bytes left after it. */
    private void requireLength(int width) {
        bytes.mark(width);
        long len = 0;
        for (int i = 0; i < width; i++) {
            int b = bytes.read();
            if (b < 0) break;
            len |= (long) b << (8 * i);
        }
        long left = bytes.available();
        bytes.reset();
        if (len < 0 || len > left) {
            throw new InteropException("data.pkl declares a length of " + Long.toUnsignedString(len) + " bytes but only "
                    + left + " follow (truncated or forged)");
        }
    }

    /** The constructor for an allowed class, or an exception naming the class that was asked for. */
    private static IObjectConstructor resolve(String module, String name) {
        DType storage = DType.ofStorageClass(module, name);
        if (storage != null) return new StorageClass(storage);
        String full = module + "." + name;
        if (!ALLOWED.contains(full)) {
            throw new InteropException("data.pkl asks for the Python class " + full + ", which a state_dict never needs (allowed: "
                    + String.join(", ", ALLOWED.stream().sorted().toList()) + ", torch storage types): refused");
        }
        return switch (full) {
            case "collections.OrderedDict" -> StateDictUnpickler::orderedDict;
            case "torch._utils._rebuild_tensor_v2" -> StateDictUnpickler::rebuildTensor;
            default -> StateDictUnpickler::rebuildParameter;
        };
    }

    /** {@code OrderedDict()} or {@code OrderedDict([(k, v), ...])}. */
    private static Object orderedDict(Object[] args) {
        StateDictMap map = new StateDictMap();
        if (args.length == 0) return map;
        if (args.length == 1 && args[0] instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof Object[] pair) || pair.length != 2) {
                    throw new InteropException("data.pkl builds an OrderedDict from something that is not a list of pairs");
                }
                map.put(pair[0], pair[1]);
            }
            return map;
        }
        throw new InteropException("data.pkl calls OrderedDict with " + args.length + " arguments");
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof PickledStorage storage)) {
            throw new InteropException("data.pkl calls _rebuild_tensor_v2 without a storage");
        }
        return new PickledTensor(storage, integer(args[1], "storage offset"), integers(args[2], "size"), integers(args[3], "stride"));
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks)}: the data. */
    private static Object rebuildParameter(Object[] args) {
        if (args.length < 1 || !(args[0] instanceof PickledTensor t)) {
            throw new InteropException("data.pkl calls _rebuild_parameter without a tensor");
        }
        return t;
    }

    /** {@code ('storage', torch.FloatStorage, key, location, numel)}. */
    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageClass type)
                || !(t[2] instanceof String key)) {
            throw new InteropException("data.pkl refers to an external object that is not a tensor storage");
        }
        return new PickledStorage(type.dtype, key, integer(t[4], "storage size"));
    }

    private static long integer(Object o, String what) {
        if (o instanceof Integer i) return i;
        if (o instanceof Long l) return l;
        throw new InteropException("data.pkl gives a " + what + " that is not an integer");
    }

    private static long[] integers(Object o, String what) {
        if (!(o instanceof Object[] t)) throw new InteropException("data.pkl gives a tensor " + what + " that is not a tuple");
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) out[i] = integer(t[i], what);
        return out;
    }

    /** A storage class such as torch.FloatStorage: it only names a dtype, and calling it is refused. */
    private record StorageClass(DType dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new InteropException("data.pkl calls a storage class, which a state_dict never does");
        }
    }
}
