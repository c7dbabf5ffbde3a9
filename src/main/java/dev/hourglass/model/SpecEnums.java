package dev.hourglass.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Shared parsing for the spec's enum fields, with an error naming the field and the allowed values. */
public final class SpecEnums {

    private SpecEnums() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String field, String text, E[] values, Function<E, String> key) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (E e : values) {
            if (key.apply(e).equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException(field + " must be one of "
                + Arrays.stream(values).map(key).collect(Collectors.joining(", ")) + " but was '" + text + "'");
    }
}
