package dev.hourglass.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How encoder stage outputs reach the decoder: not at all, or concatenated along channels (U-Net). */
public enum SkipMode {
    NONE("none"),
    CONCAT("concat");

    private final String key;

    SkipMode(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static SkipMode parse(String text) {
        return SpecEnums.parse(SkipMode.class, "skips", text, values(), SkipMode::key);
    }
}
