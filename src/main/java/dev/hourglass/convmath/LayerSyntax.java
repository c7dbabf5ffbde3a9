package dev.hourglass.convmath;

import java.util.Locale;

/**
 * Parses the compact layer notation used on the command line:
 * {@code conv:IN:OUT:kK[:sS][:pP][:dD][:gG][:nobias]} for Conv2d and
 * {@code tconv:IN:OUT:kK[:sS][:pP][:dD][:gG][:opN][:nobias]} for ConvTranspose2d.
 * Stride, padding, dilation and groups default to 1, 0, 1, 1 as in PyTorch.
 * Example: {@code conv:1:64:k7:s2:p3}.
 */
public final class LayerSyntax {

    public static final String HELP = "conv:IN:OUT:kK[:sS][:pP][:dD][:gG][:nobias] or tconv:IN:OUT:kK[:sS][:pP][:dD][:gG][:opN][:nobias]";

    private LayerSyntax() {
    }

    public static ConvLayer parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        if (parts.length < 4) {
            throw bad(text, "expected at least kind, in, out and kernel");
        }
        ConvKind kind = switch (parts[0]) {
            case "conv" -> ConvKind.CONV;
            case "tconv", "convt", "deconv" -> ConvKind.TRANSPOSED;
            default -> throw bad(text, "unknown kind '" + parts[0] + "' (conv or tconv)");
        };
        int in = number(text, parts[1], "in channels");
        int out = number(text, parts[2], "out channels");
        int k = -1, s = 1, p = 0, d = 1, g = 1, op = 0;
        boolean bias = true;
        for (int i = 3; i < parts.length; i++) {
            String f = parts[i];
            if (f.equals("nobias")) {
                bias = false;
            } else if (f.startsWith("op")) {
                op = number(text, f.substring(2), "output padding");
            } else if (f.length() >= 2 && "kspdg".indexOf(f.charAt(0)) >= 0) {
                int v = number(text, f.substring(1), "field '" + f + "'");
                switch (f.charAt(0)) {
                    case 'k' -> k = v;
                    case 's' -> s = v;
                    case 'p' -> p = v;
                    case 'd' -> d = v;
                    default -> g = v;
                }
            } else {
                throw bad(text, "unknown field '" + f + "'");
            }
        }
        if (k < 0) {
            throw bad(text, "missing kernel size kK");
        }
        try {
            return new ConvLayer(kind, in, out, k, s, p, d, g, bias, op);
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
    }

    private static int number(String text, String field, String what) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw bad(text, what + " must be an integer but was '" + field + "'");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("cannot read layer '" + text + "': " + why + "; expected " + HELP);
    }
}
