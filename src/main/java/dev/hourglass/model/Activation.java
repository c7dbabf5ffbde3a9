package dev.hourglass.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Hidden-layer activation. */
public enum Activation {
    LEAKY_RELU("leaky_relu"),
    RELU("relu"),
    /** No separate activation: with GDN the normalisation is the nonlinearity. */
    NONE("none");

    private final String key;

    Activation(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static Activation parse(String text) {
        return SpecEnums.parse(Activation.class, "activation", text, values(), Activation::key);
    }
}
