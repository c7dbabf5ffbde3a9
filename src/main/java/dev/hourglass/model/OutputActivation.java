package dev.hourglass.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Activation after the last decoder convolution. */
public enum OutputActivation {
    SIGMOID("sigmoid"),
    NONE("none");

    private final String key;

    OutputActivation(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static OutputActivation parse(String text) {
        return SpecEnums.parse(OutputActivation.class, "outputActivation", text, values(), OutputActivation::key);
    }
}
