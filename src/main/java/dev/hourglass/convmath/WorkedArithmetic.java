package dev.hourglass.convmath;

import java.util.Locale;

/**
 * One computed quantity with its arithmetic shown: the formula, the formula with the numbers
 * substituted, and the result. {@link #toString()} reads like a line of a worked exercise:
 * {@code parameters = C_out·(C_in/g)·k² + C_out = 128·(64/1)·3² + 128 = 73,856}.
 */
public record WorkedArithmetic(String quantity, String formula, String substituted, long value) {

    public String valueText() {
        return String.format(Locale.ROOT, "%,d", value);
    }

    @Override
    public String toString() {
        return quantity + " = " + formula + " = " + substituted + " = " + valueText();
    }
}
