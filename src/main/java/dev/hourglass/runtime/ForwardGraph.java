package dev.hourglass.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TorchScript IR of one module's {@code forward}, as libtorch prints it ({@code Graph::toString}),
 * read into a flat list of nodes in execution order. TorchScript unrolls loops over a ModuleList, so
 * for the usual custom forwards the order of the submodule calls is the order of these nodes. A
 * node that holds blocks ({@code prim::If}, {@code prim::Loop}) makes the order depend on values:
 * {@link #unfollowable()} then says where.
 *
 * <pre>
 *   %x0.1 : Tensor = prim::CallMethod[name="forward"](%_0, %x.1) # file.py:54:16
 *   ^outputs          ^kind            ^attribute        ^inputs
 * </pre>
 */
record ForwardGraph(List<String> inputs, List<Node> nodes, List<String> returns, String unfollowable) {

    /** One IR node: its output value names, kind (e.g. {@code aten::cat}), attribute text (inside [...]), input names. */
    record Node(List<String> outputs, String kind, String attribute, List<String> inputs, String text) {
    }

    private static final Pattern NODE = Pattern.compile("^(.*?) = ([A-Za-z_]+::[A-Za-z_0-9]+)(\\[(.*)])?\\((.*)\\)$");
    private static final Pattern NAMED_VALUE = Pattern.compile("%([A-Za-z0-9_.]+) :");
    private static final Pattern VALUE = Pattern.compile("%([A-Za-z0-9_.]+)");

    static ForwardGraph parse(String ir) {
        String[] lines = ir.split("\n");
        StringBuilder header = new StringBuilder();
        int i = 0;
        while (i < lines.length) {
            header.append(lines[i]);
            if (lines[i++].trim().endsWith("):")) break;
        }
        List<String> inputs = names(NAMED_VALUE, header.toString());
        List<Node> nodes = new ArrayList<>();
        List<String> returns = List.of();
        String unfollowable = null;
        for (; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            if (line.isBlank()) continue;
            if (line.startsWith("    ") || !line.startsWith("  ")) { // inside a block of the node before
                if (unfollowable == null) unfollowable = "a node with nested blocks (" + (nodes.isEmpty() ? line.trim() : nodes.get(nodes.size() - 1).kind()) + ")";
                continue;
            }
            String t = line.trim();
            if (t.startsWith("return")) {
                returns = names(VALUE, t);
                continue;
            }
            Matcher m = NODE.matcher(t);
            if (!m.matches()) {
                if (unfollowable == null) unfollowable = "an IR line it cannot read: " + t;
                continue;
            }
            Node n = new Node(names(NAMED_VALUE, m.group(1)), m.group(2), m.group(4) == null ? "" : m.group(4), names(VALUE, m.group(5)), t);
            if ((n.kind().equals("prim::If") || n.kind().equals("prim::Loop")) && unfollowable == null) {
                unfollowable = n.kind() + " (control flow that depends on values)";
            }
            nodes.add(n);
        }
        return new ForwardGraph(inputs, nodes, returns, unfollowable);
    }

    private static String stripComment(String line) {
        int c = line.indexOf(" # ");
        return c < 0 ? line : line.substring(0, c);
    }

    private static List<String> names(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
