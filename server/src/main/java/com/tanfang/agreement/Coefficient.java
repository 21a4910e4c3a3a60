package com.tanfang.agreement;

import java.util.Objects;
import java.util.Optional;

/**
 * One chance-corrected agreement coefficient between two raters: defined (with its {@link Estimate}) or
 * undefined with the reason, never NaN.
 */
public record Coefficient(Kind kind, Optional<Estimate> estimate, Optional<Undefined> undefined) {

    public enum Kind {
        /** Cohen (1960), nominal. */
        COHEN_KAPPA(Weights.IDENTITY),
        /** Cohen (1968) weighted kappa with linear weights. */
        LINEAR_KAPPA(Weights.LINEAR),
        /** Cohen (1968) weighted kappa with quadratic (Fleiss-Cohen) weights. */
        QUADRATIC_KAPPA(Weights.QUADRATIC),
        /** Gwet (2008) AC1, nominal. */
        GWET_AC1(Weights.IDENTITY),
        /** Gwet (2014) AC2 with quadratic weights. */
        GWET_AC2(Weights.QUADRATIC);

        public final Weights weights;

        Kind(Weights weights) {
            this.weights = weights;
        }

        public boolean isKappa() {
            return this == COHEN_KAPPA || this == LINEAR_KAPPA || this == QUADRATIC_KAPPA;
        }
    }

    public enum Undefined {
        /** No item was rated on the scale by both raters. */
        NO_PAIRS,
        /**
         * Kappa only: both raters put every item in one and the same category, so chance agreement pe is 1 and
         * (pa - pe) / (1 - pe) is 0 / 0. Gwet's AC1/AC2 stay defined (they are 1 there): the kappa paradox.
         */
        ONE_CATEGORY
    }

    public Coefficient {
        Objects.requireNonNull(kind, "kind");
        if (estimate.isPresent() == undefined.isPresent()) {
            throw new IllegalArgumentException("a coefficient is either estimated or undefined");
        }
    }

    static Coefficient of(Kind kind, Estimate estimate) {
        return new Coefficient(kind, Optional.of(estimate), Optional.empty());
    }

    static Coefficient undefined(Kind kind, Undefined reason) {
        return new Coefficient(kind, Optional.empty(), Optional.of(reason));
    }

    public boolean isDefined() {
        return estimate.isPresent();
    }

    /** The coefficient's value; throws when it is undefined (check {@link #isDefined()}). */
    public double value() {
        return estimate.orElseThrow(() -> new IllegalStateException(kind + " is undefined: " + undefined.orElseThrow()))
                .value();
    }
}
