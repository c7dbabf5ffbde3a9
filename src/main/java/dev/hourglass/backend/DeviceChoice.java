package dev.hourglass.backend;

import java.util.Locale;

/** What the user asked for with {@code --device}. */
public enum DeviceChoice {
    AUTO, CPU, CUDA;

    public static DeviceChoice parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + text + "': expected auto, cpu or cuda");
        }
    }
}
