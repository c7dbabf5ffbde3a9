package dev.hourglass.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hourglass.model.SpecEnums;

/** Adam, or AdamW with decoupled weight decay. */
public enum OptimizerKind {
    ADAM("adam"),
    ADAMW("adamw");

    private final String key;

    OptimizerKind(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static OptimizerKind parse(String text) {
        return SpecEnums.parse(OptimizerKind.class, "optimizer", text, values(), OptimizerKind::key);
    }
}
