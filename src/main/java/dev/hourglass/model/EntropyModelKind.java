package dev.hourglass.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The learned prior that codes the latent. {@code factorized} is the "entropy bottleneck" of
 * Ballé et al. 2018 (appendix 6.1): one non-parametric density per latent channel, learned with
 * the network. {@code hyperprior} is the scale hyperprior of the same paper: a side latent z =
 * h_a(|y|), coded with a factorized prior, from which h_s predicts the scale of a zero-mean Gaussian
 * for every element of y. {@code mean-scale} (Minnen, Ballé, Toderici 2018) lets h_a see y itself
 * and h_s predict a mean as well.
 */
public enum EntropyModelKind {
    NONE("none"),
    FACTORIZED("factorized"),
    HYPERPRIOR("hyperprior"),
    MEAN_SCALE("mean-scale");

    private final String key;

    EntropyModelKind(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    /** True for the models whose latent is coded with a Gaussian conditioned on a hyper-latent. */
    public boolean hasHyperprior() {
        return this == HYPERPRIOR || this == MEAN_SCALE;
    }

    @JsonCreator
    public static EntropyModelKind parse(String text) {
        return SpecEnums.parse(EntropyModelKind.class, "entropyModel", text, values(), EntropyModelKind::key);
    }

    /** Jackson value filter: a spec without an entropy model is written exactly as before the field existed. */
    public static final class NoneFilter {
        @Override
        public boolean equals(Object o) {
            return o == null || o == NONE;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
