package dev.hourglass.cli;

import dev.hourglass.runtime.WeightRounding;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The rule of exit code 2: anything wrong on the command line (an option or argument value, alone or
 * in combination with others) is a usage error, found before any work starts. Range-checked values
 * use the converters below, so picocli refuses them while parsing; values that only the command can
 * judge go through {@link #check}.
 */
final class Usage {

    /** Most threads {@code --threads} accepts: four per core. */
    static final int MAX_THREADS = 4 * Runtime.getRuntime().availableProcessors();

    private Usage() {
    }

    static CommandLine.ParameterException error(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Runs a computation on command-line values only: an IllegalArgumentException there is a usage error. */
    static <T> T check(CommandSpec spec, Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), message(e), e);
        }
    }

    static void check(CommandSpec spec, Runnable work) {
        check(spec, () -> {
            work.run();
            return null;
        });
    }

    private static String message(RuntimeException e) {
        if (e instanceof ArithmeticException) return "numbers too large to compute exactly (" + e.getMessage() + ")";
        return e.getMessage();
    }

    /** Refuses a --format the verb does not produce. */
    static void formats(CommandSpec spec, OutputFormat format, OutputFormat... allowed) {
        if (!Arrays.asList(allowed).contains(format)) {
            throw error(spec, "--format " + format.name().toLowerCase(Locale.ROOT) + " is not supported by '" + spec.qualifiedName()
                    + "'; use " + String.join(" or ", Arrays.stream(allowed).map(f -> f.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + v + "' is not a whole number");
        }
    }

    private static double parseDouble(String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + v + "' is not a number");
        }
    }

    private static int intIn(String v, long min, long max) {
        long n = parseLong(v);
        if (n < min || n > max) throw new TypeConversionException("'" + v + "' is outside " + min + ".." + max);
        return (int) n;
    }

    /** 1 or more. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            return intIn(v, 1, Integer.MAX_VALUE);
        }
    }

    /** 0 or more. */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            return intIn(v, 0, Integer.MAX_VALUE);
        }
    }

    /** 1 or more, as a long. */
    static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String v) {
            long n = parseLong(v);
            if (n < 1) throw new TypeConversionException("'" + v + "' must be 1 or more");
            return n;
        }
    }

    /** 1..{@link #MAX_THREADS}. */
    static final class Threads implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            return intIn(v, 1, MAX_THREADS);
        }
    }

    /** Explicit mantissa bits of a float32 weight, 1..23 ({@code freeze --mantissa-bits}). */
    static final class MantissaBits implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            return intIn(v, 1, WeightRounding.FULL);
        }
    }

    /** A quality 1..100. */
    static final class Quality implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            return intIn(v, 1, 100);
        }
    }

    /** A finite number above 0. */
    static final class PositiveNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String v) {
            double d = parseDouble(v);
            if (!(d > 0) || Double.isInfinite(d)) throw new TypeConversionException("'" + v + "' must be a finite number above 0");
            return d;
        }
    }

    /** A finite number of 0 or more. */
    static final class NonNegativeNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String v) {
            double d = parseDouble(v);
            if (!(d >= 0) || Double.isInfinite(d)) throw new TypeConversionException("'" + v + "' must be a finite number of 0 or more");
            return d;
        }
    }
}
