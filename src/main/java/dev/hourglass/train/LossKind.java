package dev.hourglass.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hourglass.model.SpecEnums;

/** Reconstruction loss: MSE, L1, or MSE + λ·(1 − SSIM) with λ = {@value #SSIM_WEIGHT}. */
public enum LossKind {
    MSE("mse"),
    L1("l1"),
    MSE_SSIM("mse+ssim");

    /** Weight of (1 − SSIM) in mse+ssim; 1 − SSIM is about 10–50× the MSE of a fair reconstruction. */
    public static final double SSIM_WEIGHT = 0.05;

    private final String key;

    LossKind(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static LossKind parse(String text) {
        return SpecEnums.parse(LossKind.class, "loss", text, values(), LossKind::key);
    }
}
