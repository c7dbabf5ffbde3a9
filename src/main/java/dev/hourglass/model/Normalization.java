package dev.hourglass.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Normalisation after each hidden convolution. */
public enum Normalization {
    BATCH("batch"),
    /** Generalized divisive normalisation (Ballé et al. 2016): GDN in the encoder, its inverse IGDN in the decoder. */
    GDN("gdn"),
    NONE("none");

    private final String key;

    Normalization(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static Normalization parse(String text) {
        return SpecEnums.parse(Normalization.class, "norm", text, values(), Normalization::key);
    }
}
