package dev.hourglass.runtime;

import dev.hourglass.backend.Tensors;
import dev.hourglass.convmath.Shape;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.TupleElements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.relu;
import static org.bytedeco.pytorch.global.torch.sigmoid;
import static org.bytedeco.pytorch.global.torch.tanh;

/**
 * Runs a TorchScript model module by module, recording every operation ({@link ScriptedOp}) with
 * real tensors: a leaf module runs its own forward; a {@code Sequential} runs its children one by
 * one, exactly as its forward does; any other module's forward is followed node by node through its
 * IR ({@link ForwardGraph}) for the nodes listed in {@link #interpret}. A module whose forward uses
 * anything else runs whole, as one row, and a note says what was not followed: the walker never
 * guesses an order. Call it inside a {@code MemoryScope} (every tensor here is temporary) and in
 * eval mode with gradients off.
 */
final class GraphWalker {

    /** A tensor and the index of the operation that produced it. */
    record Tracked(Tensor tensor, int source) {
    }

    record Tup(List<Object> items) {
    }

    record ModuleRef(String path) {
    }

    /** Thrown inside a custom forward that uses a node the walker does not follow. */
    static final class Unfollowable extends RuntimeException {
        Unfollowable(String what) {
            super(what, null, false, false);
        }
    }

    private final ScriptedModel model;
    final List<ScriptedOp> ops = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    Object encoderOutput;
    /** Applied to what the {@code encoder} submodule returns before the rest of the model sees it (ablations); null: none. */
    java.util.function.UnaryOperator<Object> encoderHook;
    String current = "";
    private final Map<String, Integer> functionalCount = new HashMap<>();

    GraphWalker(ScriptedModel model) {
        this.model = model;
    }

    Object call(String path, List<Object> args) {
        current = path;
        ScriptedLayer layer = model.layer(path);
        Object out;
        if (!layer.container()) {
            out = runWhole(path, layer.type(), args);
        } else if (layer.type().equals("Sequential")) {
            out = args.size() == 1 ? args.get(0) : null;
            if (out == null) throw new Unfollowable("Sequential " + path + " called with " + args.size() + " arguments");
            for (String child : model.children(path)) out = call(child, List.of(out));
        } else {
            out = custom(path, layer, args);
        }
        if (encoderOutput == null && (path.equals("encoder") || path.endsWith(".encoder"))) {
            if (encoderHook != null) out = encoderHook.apply(out);
            encoderOutput = out;
        }
        return out;
    }

    private Object custom(String path, ScriptedLayer layer, List<Object> args) {
        JitModule m = model.module(path);
        ForwardGraph g = ForwardGraph.parse(m.get_method("forward").graph().toString());
        int opsBefore = ops.size();
        int notesBefore = notes.size();
        Object encoderBefore = encoderOutput;
        String reason = g.unfollowable();
        if (reason == null) {
            try {
                return interpret(path, g, args);
            } catch (Unfollowable u) {
                reason = u.getMessage();
            }
        }
        ops.subList(opsBefore, ops.size()).clear();
        notes.subList(notesBefore, notes.size()).clear();
        encoderOutput = encoderBefore;
        Object out = runWhole(path, layer.type() + " (whole)", args);
        notes.add("`" + (path.isEmpty() ? "(model)" : path) + "` (" + layer.type() + "): its forward uses " + reason
                + ", which hourglass does not follow, so the order and shapes of its " + model.descendants(path).size()
                + " inner modules are not known; they are measured as this one row");
        return out;
    }

    private Object interpret(String path, ForwardGraph g, List<Object> args) {
        if (g.inputs().size() != args.size() + 1) throw new Unfollowable("a call with " + args.size() + " arguments");
        Map<String, Object> env = new HashMap<>();
        env.put(g.inputs().get(0), new ModuleRef(path));
        for (int i = 0; i < args.size(); i++) env.put(g.inputs().get(i + 1), args.get(i));
        for (ForwardGraph.Node n : g.nodes()) {
            List<Object> in = new ArrayList<>();
            for (String v : n.inputs()) in.add(env.get(v));
            List<Object> out = node(path, n, in);
            for (int i = 0; i < n.outputs().size(); i++) env.put(n.outputs().get(i), out.get(i));
        }
        if (g.returns().size() != 1) throw new Unfollowable("a return of " + g.returns().size() + " values");
        return env.get(g.returns().get(0));
    }

    private List<Object> node(String path, ForwardGraph.Node n, List<Object> in) {
        switch (n.kind()) {
            case "prim::GetAttr" -> {
                return List.of(getAttr((ModuleRef) in.get(0), quoted(n.attribute())));
            }
            case "prim::Constant" -> {
                return java.util.Collections.singletonList(constant(n));
            }
            case "prim::CallMethod" -> {
                if (!n.attribute().equals("name=\"forward\"") || !(in.get(0) instanceof ModuleRef r)) throw new Unfollowable(n.text());
                return java.util.Collections.singletonList(call(r.path(), in.subList(1, in.size())));
            }
            case "prim::ListConstruct" -> {
                return List.of(new ArrayList<>(in));
            }
            case "prim::TupleConstruct" -> {
                return List.of(new Tup(new ArrayList<>(in)));
            }
            case "prim::TupleUnpack" -> {
                return ((Tup) in.get(0)).items();
            }
            case "prim::ListUnpack" -> {
                return list(in.get(0));
            }
            case "aten::append" -> {
                list(in.get(0)).add(in.get(1));
                return List.of(in.get(0));
            }
            case "aten::__getitem__" -> {
                List<Object> l = in.get(0) instanceof Tup t ? t.items() : list(in.get(0));
                long i = (Long) in.get(1);
                return java.util.Collections.singletonList(l.get((int) (i < 0 ? l.size() + i : i)));
            }
            case "aten::cat" -> {
                List<Object> parts = list(in.get(0));
                TensorVector v = new TensorVector();
                List<Tracked> tracked = new ArrayList<>();
                for (Object p : parts) {
                    tracked.add((Tracked) p);
                    v.push_back(((Tracked) p).tensor());
                }
                return List.of(record(path, "cat", tracked, cat(v, (Long) in.get(1))));
            }
            case "aten::add" -> {
                Tracked a = (Tracked) in.get(0);
                Tracked b = (Tracked) in.get(1);
                if (!(in.get(2) instanceof Long alpha) || alpha != 1) throw new Unfollowable("aten::add with alpha " + in.get(2));
                return List.of(record(path, "add", List.of(a, b), a.tensor().add(b.tensor())));
            }
            case "aten::relu", "aten::sigmoid", "aten::tanh" -> {
                Tracked a = (Tracked) in.get(0);
                Tensor y = n.kind().equals("aten::relu") ? relu(a.tensor()) : n.kind().equals("aten::sigmoid") ? sigmoid(a.tensor()) : tanh(a.tensor());
                String type = switch (n.kind()) {
                    case "aten::relu" -> "ReLU";
                    case "aten::sigmoid" -> "Sigmoid";
                    default -> "Tanh";
                };
                return List.of(record(path, type, List.of(a), y));
            }
            default -> throw new Unfollowable("`" + n.kind() + "`");
        }
    }

    private Object getAttr(ModuleRef base, String name) {
        String child = base.path().isEmpty() ? name : base.path() + "." + name;
        if (model.hasModule(child)) return new ModuleRef(child);
        return fromIValue(model.module(base.path()).attr(name), ScriptedOp.OTHER);
    }

    private static Object constant(ForwardGraph.Node n) {
        String a = n.attribute();
        if (a.isEmpty()) return null;
        if (a.startsWith("name=")) throw new Unfollowable("the function " + quoted(a) + " (called through prim::CallFunction)");
        if (!a.startsWith("value=")) throw new Unfollowable("a constant " + a);
        String v = a.substring("value=".length());
        if (v.matches("-?\\d+")) return Long.parseLong(v);
        if (v.matches("-?[0-9.]+(e-?\\d+)?")) return Double.parseDouble(v);
        if (v.startsWith("\"") && v.endsWith("\"")) return v.substring(1, v.length() - 1);
        throw new Unfollowable("a constant " + a);
    }

    private static String quoted(String attribute) {
        int a = attribute.indexOf('"');
        int b = attribute.lastIndexOf('"');
        if (a < 0 || b <= a) throw new Unfollowable("an attribute " + attribute);
        return attribute.substring(a + 1, b);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (o instanceof List<?> l) return (List<Object>) l;
        throw new Unfollowable("a list operation on " + (o == null ? "None" : o.getClass().getSimpleName()));
    }

    /** Runs a module's own forward on the given values and records it as one operation. */
    private Object runWhole(String path, String type, List<Object> args) {
        IValueVector v = new IValueVector();
        List<Tracked> tensors = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof Tracked t) {
                v.push_back(new IValue(t.tensor()));
                tensors.add(t);
            } else if (a instanceof Long l) {
                v.push_back(new IValue(l));
            } else if (a instanceof Double d) {
                v.push_back(new IValue(d));
            } else {
                throw new Unfollowable("a call of " + path + " with a " + (a == null ? "None" : a.getClass().getSimpleName()) + " argument");
            }
        }
        IValue out = model.module(path).forward(v);
        if (out.isTensor()) return record(path, type, tensors, out.toTensor());
        int index = ops.size();
        Object result = fromIValue(out, index);
        List<Shape> shapes = new ArrayList<>();
        collectShapes(result, shapes);
        ops.add(new ScriptedOp(path, type, tensors.stream().map(t -> new Shape(Tensors.shape(t.tensor()))).toList(),
                tensors.stream().map(Tracked::source).toList(), shapes.isEmpty() ? null : shapes.get(0), 0));
        return result;
    }

    private Tracked record(String path, String type, List<Tracked> inputs, Tensor output) {
        String p = path;
        if (type.equals("cat") || type.equals("add") || model.hasModule(path) && model.layer(path).container()
                && !type.endsWith("(whole)")) {
            int k = functionalCount.merge(path + "|" + type, 1, Integer::sum);
            String name = type.toLowerCase(java.util.Locale.ROOT) + k;
            p = path.isEmpty() ? name : path + "." + name;
        }
        ops.add(new ScriptedOp(p, type, inputs.stream().map(t -> new Shape(Tensors.shape(t.tensor()))).toList(),
                inputs.stream().map(Tracked::source).toList(), new Shape(Tensors.shape(output)), output.numel() * output.element_size()));
        return new Tracked(output, ops.size() - 1);
    }

    static Object fromIValue(IValue v, int source) {
        if (v.isTensor()) return new Tracked(v.toTensor(), source);
        if (v.isInt()) return v.toInt();
        if (v.isDouble()) return v.toDouble();
        if (v.isBool()) return v.toBool();
        if (v.isNone()) return null;
        if (v.isTuple()) {
            TupleElements e = v.toTuple().elements();
            List<Object> items = new ArrayList<>();
            for (long i = 0; i < e.size(); i++) items.add(fromIValue(e.get(i), source));
            return new Tup(items);
        }
        if (v.isTensorList()) {
            TensorVector tv = v.toTensorVector();
            List<Object> items = new ArrayList<>();
            for (long i = 0; i < tv.size(); i++) items.add(new Tracked(tv.get(i), source));
            return items;
        }
        throw new Unfollowable("a value of kind " + v.tagKind().getString());
    }

    /** The value with every tensor replaced by {@code f(index in flattened order, tensor)}; structure kept. */
    static Object mapTensors(Object o, java.util.function.BiFunction<Integer, Tensor, Tensor> f, int[] counter) {
        if (o instanceof Tracked t) return new Tracked(f.apply(counter[0]++, t.tensor()), t.source());
        if (o instanceof Tup t) return new Tup(new ArrayList<>(t.items().stream().map(i -> mapTensors(i, f, counter)).toList()));
        if (o instanceof List<?> l) return new ArrayList<>(l.stream().map(i -> mapTensors(i, f, counter)).toList());
        return o;
    }

    /** Every tensor shape inside a value, in order (tuples and lists flattened). */
    static void collectShapes(Object o, List<Shape> into) {
        if (o instanceof Tracked t) into.add(new Shape(Tensors.shape(t.tensor())));
        else if (o instanceof Tup t) t.items().forEach(i -> collectShapes(i, into));
        else if (o instanceof List<?> l) l.forEach(i -> collectShapes(i, into));
    }
}
