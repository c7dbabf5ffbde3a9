package dev.hourglass.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hourglass.model.SpecEnums;

/**
 * The distortion a run trains on: MSE, L1, MSE + {@value #SSIM_WEIGHT}·(1 − SSIM), or 1 − MS-SSIM.
 * A model with an entropy model adds the rate: λ·255²·MSE + bpp for {@code mse}, λ·(1 − MS-SSIM) + bpp
 * for {@code ms-ssim}; it refuses the other two ({@link TrainConfig}).
 */
public enum LossKind {
    MSE("mse"),
    L1("l1"),
    MSE_SSIM("mse+ssim"),
    /** 1 − MS-SSIM ({@code metrics.MsSsim}, per image, averaged over the batch); needs crops of at least 176×176. */
    MS_SSIM("ms-ssim");

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
