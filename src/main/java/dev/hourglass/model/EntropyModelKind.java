package dev.hourglass.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The learned prior that codes the latent. {@code factorized} is the "entropy bottleneck" of
 * Ballé et al. 2018 (appendix 6.1): one non-parametric density per latent channel, learned with
 * the network. The scale hyperprior and mean-scale models of the same papers are not built yet.
 */
public enum EntropyModelKind {
    NONE("none"),
    FACTORIZED("factorized");

    private final String key;

    EntropyModelKind(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
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
